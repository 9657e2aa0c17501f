export type RunStatus = 'pending' | 'running' | 'paused' | 'succeeded' | 'failed' | 'cancelled';
export type TaskStatus = 'blocked' | 'ready' | 'queued' | 'running' | 'succeeded' | 'failed' | 'skipped' | 'cancelled';

export const RUN_STATUSES = [
  'pending',
  'running',
  'paused',
  'succeeded',
  'failed',
  'cancelled',
] as const satisfies readonly RunStatus[];
export const TASK_STATUSES = [
  'blocked',
  'ready',
  'queued',
  'running',
  'succeeded',
  'failed',
  'skipped',
  'cancelled',
] as const satisfies readonly TaskStatus[];

const TERMINAL_TASK_STATUSES: ReadonlySet<TaskStatus> = new Set(['succeeded', 'failed', 'skipped', 'cancelled']);
const TERMINAL_RUN_STATUSES: ReadonlySet<RunStatus> = new Set(['succeeded', 'failed', 'cancelled']);

export function isTerminalTaskStatus(status: TaskStatus): boolean {
  return TERMINAL_TASK_STATUSES.has(status);
}

export function isTerminalRunStatus(status: RunStatus): boolean {
  return TERMINAL_RUN_STATUSES.has(status);
}

/**
 * Outcome of a run whose tasks have all ended. A cancelled task counts as a
 * failure: the run did not do all it was asked to do.
 */
export function decideRunStatus(taskStatuses: Iterable<TaskStatus>): 'succeeded' | 'failed' {
  for (const status of taskStatuses) {
    if (status === 'failed' || status === 'cancelled') return 'failed';
  }
  return 'succeeded';
}
