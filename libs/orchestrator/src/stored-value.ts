import { describeProblem, inspectStorable } from '@taskloom/engine';

/** A rendered value that cannot be stored: too large for its setting, or holding what PostgreSQL refuses. */
export class StoredValueError extends Error {
  constructor(
    override readonly name: 'InputTooLarge' | 'UnstorableInput',
    message: string,
  ) {
    super(message);
  }
}

/**
 * Checks a value about to be written (a rendered task input, a sub-workflow
 * run's input) and returns its size; `setting` names the limit in the error.
 */
export function assertStorable(value: unknown, field: string, maxBytes: number, setting: string): number {
  const { bytes, problem } = inspectStorable(value, field, maxBytes);
  if (!problem) return bytes;
  if (problem.reason.startsWith('is larger'))
    throw new StoredValueError('InputTooLarge', `${field} is larger than ${setting} (${maxBytes} bytes)`);
  throw new StoredValueError('UnstorableInput', describeProblem(problem));
}
