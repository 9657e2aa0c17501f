import { describeProblem, findUnstorable } from '@taskloom/engine';
import type { ErrorDetail } from './errors';

/** PostgreSQL's integer: a larger version cannot name a stored row, and would fail the whole lookup batch. */
const MAX_VERSION = 2_147_483_647;

export interface RunRequestFields {
  workflow: string;
  version?: number;
  input: unknown;
  idempotencyKey?: string;
  tags?: string[];
}

/**
 * What would make PostgreSQL refuse a run start, found before the request
 * joins a batch shared with other requests: a NUL character or a lone
 * surrogate in any string, a version past the integer range, an input past
 * RUN_INPUT_MAX_BYTES. Each problem names its field.
 */
export function checkRunRequest(request: RunRequestFields, maxInputBytes: number): ErrorDetail[] {
  const details: ErrorDetail[] = [];
  const check = (value: unknown, field: string, maxBytes?: number) => {
    const problem = findUnstorable(value, field, maxBytes);
    if (problem) details.push({ path: problem.path, message: describeProblem(problem) });
  };
  check(request.workflow, 'workflow');
  if (
    request.version !== undefined &&
    (!Number.isInteger(request.version) || request.version < 1 || request.version > MAX_VERSION)
  ) {
    details.push({ path: 'version', message: `version must be an integer from 1 to ${MAX_VERSION}` });
  }
  if (request.idempotencyKey !== undefined) check(request.idempotencyKey, 'idempotencyKey');
  if (request.tags !== undefined) check(request.tags, 'tags');
  const inputProblem = findUnstorable(request.input, 'input', maxInputBytes);
  if (inputProblem) {
    details.push({
      path: inputProblem.path,
      message: inputProblem.reason.startsWith('is larger')
        ? `input is larger than RUN_INPUT_MAX_BYTES (${maxInputBytes} bytes)`
        : describeProblem(inputProblem),
    });
  }
  return details;
}
