import type { TaskFailure } from '../errors/serialize';
import type { ExecutionResult } from '../execution/execution-types';
import type { TaskResult } from './run-task';

/** The output of a succeeded result; throws an error describing the failure (kind, message, logs) otherwise. */
export function expectSucceeded<O>(result: TaskResult<O>): O;
export function expectSucceeded(result: ExecutionResult): unknown;
export function expectSucceeded(result: ExecutionResult): unknown {
  if (result.status === 'succeeded') return result.output;
  const logs = result.logs.map((line) => `  ${line.level}: ${line.msg}`).join('\n');
  throw new Error(
    `expected the task to succeed, but it failed: ${describe(result.error)}${logs ? `\nlogs:\n${logs}` : ''}`,
  );
}

/** The error of a failed result; throws if it succeeded. */
export function expectFailed(result: ExecutionResult): TaskFailure {
  if (result.status === 'failed') return result.error;
  throw new Error(`expected the task to fail, but it succeeded with ${JSON.stringify(result.output)}`);
}

function describe(error: TaskFailure): string {
  const cause = error.cause ? ` (caused by ${describe(error.cause)})` : '';
  return `${error.name} [${error.kind ?? 'retryable'}${error.retryable ? ', retryable' : ''}]: ${error.message}${cause}`;
}
