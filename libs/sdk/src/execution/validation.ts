import type { z } from 'zod';
import { InputValidationError, OutputTooLargeError, OutputValidationError } from '../errors/task-errors';
import { findNonJson } from './json-value';
import { exceedsJsonBytes } from './output-size';

type Parsed = { ok: true; value: unknown } | { ok: false; error: Error };

/** Parses a task input: plain JSON, then the input schema. */
export function parseInput(type: string, schema: z.ZodType, input: unknown): Parsed {
  const nonJson = findNonJson(input);
  if (nonJson)
    return {
      ok: false,
      error: new InputValidationError(`input of ${type} is not plain JSON at ${nonJson.path}: ${nonJson.reason}`),
    };
  const result = schema.safeParse(input);
  if (result.success) return { ok: true, value: result.data };
  return {
    ok: false,
    error: new InputValidationError(`input of ${type} does not match its schema: ${describeIssues(result.error)}`, {
      cause: result.error,
    }),
  };
}

/** Checks a handler's result: its size (when `maxBytes` is given), the output schema, then plain JSON. */
export function parseOutput(
  type: string,
  schema: z.ZodType,
  output: unknown,
  label = 'output',
  maxBytes?: number,
): Parsed {
  if (maxBytes !== undefined && exceedsJsonBytes(output, maxBytes))
    return { ok: false, error: outputTooLarge(type, maxBytes, label) };
  const result = schema.safeParse(output);
  if (!result.success) {
    return {
      ok: false,
      error: new OutputValidationError(
        `${label} of ${type} does not match its output schema: ${describeIssues(result.error)}`,
        { cause: result.error },
      ),
    };
  }
  const nonJson = findNonJson(result.data);
  if (nonJson)
    return {
      ok: false,
      error: new OutputValidationError(`${label} of ${type} is not plain JSON at ${nonJson.path}: ${nonJson.reason}`),
    };
  return { ok: true, value: result.data };
}

/** `a.b: expected number, received string; c: required`, at most five issues. */
export function describeIssues(error: z.ZodError): string {
  const issues = error.issues.slice(0, 5).map((issue) => {
    const path = issue.path.length === 0 ? '(root)' : issue.path.map(String).join('.');
    return `${path}: ${issue.message}`;
  });
  const more = error.issues.length > 5 ? `; and ${error.issues.length - 5} more` : '';
  return issues.join('; ') + more;
}

export function outputTooLarge(type: string, maxBytes: number, label = 'output'): OutputTooLargeError {
  return new OutputTooLargeError(`${label} of ${type} is larger than the host's limit of ${maxBytes} bytes`);
}
