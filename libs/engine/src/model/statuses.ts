export type RunStatus =
  'scheduled' | 'queued' | 'pending' | 'running' | 'paused' | 'succeeded' | 'failed' | 'cancelled';
export type TaskStatus =
  'blocked' | 'ready' | 'queued' | 'running' | 'waiting' | 'succeeded' | 'failed' | 'skipped' | 'cancelled';

export const RUN_STATUSES = [
  'scheduled',
  'queued',
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
  'waiting',
  'succeeded',
  'failed',
  'skipped',
  'cancelled',
] as const satisfies readonly TaskStatus[];

/**
 * A run that has not ended: its tasks may still change. A scheduled run waits
 * for its start time (startAt), a queued one for a slot of its workflow's
 * concurrency key (ADR 0027); neither has a task ready or waiting yet.
 */
export const ACTIVE_RUN_STATUSES: readonly RunStatus[] = ['scheduled', 'queued', 'pending', 'running', 'paused'];
/** A run admitted and not ended: with a workflow concurrency key, it holds one of the key's slots (ADR 0027). */
export const ADMITTED_RUN_STATUSES: readonly RunStatus[] = ['pending', 'running', 'paused'];
/** A run that has ended; nothing in it changes any more. */
export const TERMINAL_RUN_STATUSES: readonly RunStatus[] = ['succeeded', 'failed', 'cancelled'];
/** A run whose ready tasks may be dispatched (not scheduled for later, not paused, not ended). */
export const DISPATCHABLE_RUN_STATUSES: readonly RunStatus[] = ['pending', 'running'];
/** A task that has not ended. */
export const ACTIVE_TASK_STATUSES: readonly TaskStatus[] = ['blocked', 'ready', 'queued', 'running', 'waiting'];

const terminalTasks: ReadonlySet<TaskStatus> = new Set(['succeeded', 'failed', 'skipped', 'cancelled']);
const terminalRuns: ReadonlySet<RunStatus> = new Set(TERMINAL_RUN_STATUSES);

export function isTerminalTaskStatus(status: TaskStatus): boolean {
  return terminalTasks.has(status);
}

export function isTerminalRunStatus(status: RunStatus): boolean {
  return terminalRuns.has(status);
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
