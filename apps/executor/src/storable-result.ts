import { describeProblem, escapeUnstorableJson, findUnstorable } from '@taskloom/engine';
import type { ExecutionResult } from '@taskloom/sdk';

/**
 * A handler's result as PostgreSQL can store it, checked before it joins a
 * write batch: an output holding a NUL character or a lone surrogate, or
 * larger than TASK_OUTPUT_MAX_BYTES, fails the attempt with a non-retryable
 * error naming the field (running it again would give the same output); so
 * does an error holding one, keeping it escaped as the cause. Log lines are
 * escaped, never a reason to fail.
 */
export function storableResult(result: ExecutionResult, maxOutputBytes: number): ExecutionResult {
  const logs = result.logs.length > 0 ? escapeUnstorableJson(result.logs) : result.logs;
  if (result.status === 'succeeded') {
    const problem = findUnstorable(result.output, 'output', maxOutputBytes);
    if (!problem) return { ...result, logs };
    const tooLarge = problem.reason.startsWith('is larger');
    return {
      status: 'failed',
      logs,
      durationMs: result.durationMs,
      error: {
        name: tooLarge ? 'OutputTooLargeError' : 'UnstorableOutput',
        message: tooLarge
          ? `the output is larger than TASK_OUTPUT_MAX_BYTES (${maxOutputBytes} bytes)`
          : describeProblem(problem),
        kind: 'non_retryable',
        retryable: false,
      },
    };
  }
  const problem = findUnstorable(result.error, 'error');
  if (!problem) return { ...result, logs };
  return {
    ...result,
    logs,
    error: {
      name: 'UnstorableError',
      message: describeProblem(problem),
      kind: 'non_retryable',
      retryable: false,
      cause: escapeUnstorableJson(result.error),
    },
  };
}
