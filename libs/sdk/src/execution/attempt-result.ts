import { serializeTaskError, type TaskFailure } from '../errors/serialize';
import type { ExecutionResult, LogLine } from './execution-types';

/** Builds ExecutionResults with the duration measured from `startedAt` (performance.now()). */
export function succeeded(output: unknown, logs: LogLine[], startedAt: number): ExecutionResult {
  return { status: 'succeeded', output, logs, durationMs: elapsed(startedAt) };
}

export function failed(error: TaskFailure | Error, logs: LogLine[], startedAt: number): ExecutionResult {
  const serialized = error instanceof Error ? serializeTaskError(error) : error;
  return { status: 'failed', error: serialized, logs, durationMs: elapsed(startedAt) };
}

function elapsed(startedAt: number): number {
  return Math.round((performance.now() - startedAt) * 1_000) / 1_000;
}
