import type { TaskJobData } from '@taskloom/queue';
import type { TaskFailure } from '@taskloom/sdk';
import type { TaskKind } from './new-rows';

/**
 * A task the router claimed: the queue job it becomes (one record from the
 * claim to the executor) and the queue it goes to.
 */
export type ClaimedTask = TaskJobData & { queue: string };

/** A task that has just reached a terminal state, as the cascade needs it. */
export interface SettledTask {
  id: string;
  runId: string;
  key: string;
  kind: TaskKind;
  parentTaskId: string | null;
  status: 'succeeded' | 'failed' | 'skipped' | 'cancelled';
  /** When its last attempt started; null for a task that never ran (skipped, cancelled while waiting). */
  startedAt: Date | null;
}

export interface DependentCounters {
  id: string;
  runId: string;
  key: string;
  depsTotal: number;
  depsSucceeded: number;
  depsFailed: number;
  depsSkipped: number;
}

/** The outcome of one attempt as it is written: the task's new state and the attempt's record. */
export interface AttemptOutcomeRow {
  taskId: string;
  attempt: number;
  status: 'succeeded' | 'failed';
  output?: unknown;
  error?: TaskFailure;
  executorId: string | null;
  /** A string keeps microseconds, which a Date cannot. */
  startedAt: Date | string | null;
  durationMs: number | null;
  logs?: unknown;
  /** What the attempt record says: 'lost' when the attempt's executor vanished. */
  recordStatus: 'succeeded' | 'failed' | 'lost';
  /** Set when the task goes round again: after how long, and its priority's head start in dispatch order. */
  retry?: { delayMs: number; dispatchBonusMs: number };
}

/** A task of a run's own graph (not a forEach item), as run outcomes and retries read it. */
export interface TopLevelTask {
  id: string;
  key: string;
  status: string;
  attempt: number;
  maxAttempts: number;
}

/** A task as the run's page shows it: every column. */
export interface TaskRow {
  id: string;
  runId: string;
  key: string;
  kind: TaskKind;
  type: string | null;
  status: string;
  priority: number;
  attempt: number;
  maxAttempts: number;
  interruptions: number;
  timeoutMs: number;
  input: unknown;
  output: unknown;
  error: unknown;
  queue: string | null;
  retry: unknown;
  depsTotal: number;
  depsSucceeded: number;
  depsFailed: number;
  depsSkipped: number;
  parentTaskId: string | null;
  itemIndex: number | null;
  childrenTotal: number;
  childrenRemaining: number;
  childrenFailed: number;
  availableAt: Date | null;
  dispatchAt: Date | null;
  queuedAt: Date | null;
  startedAt: Date | null;
  finishedAt: Date | null;
  executorId: string | null;
  /** A waiting task's due time (a sleep's end, a signal wait's timeout). */
  wakeAt: Date | null;
  /** The signal a waiting task waits for. */
  waitSignal: string | null;
  queueTimeoutMs: number | null;
  createdAt: Date;
  /** Tenant-qualified concurrency key and its limit (ADR 0022); null for a task without one. */
  concurrencyKey: string | null;
  concurrencyLimit: number | null;
  /** Rate-limit bucket, limit and period (ADR 0026); null for a task without one. */
  rateKey: string | null;
  rateLimit: number | null;
  ratePeriodMs: number | null;
}

export const TASK_COLUMNS = `id, run_id AS "runId", key, kind, type, status, priority, attempt, max_attempts AS "maxAttempts",
  interruptions, timeout_ms AS "timeoutMs", input, output, error, queue, retry, deps_total AS "depsTotal",
  deps_succeeded AS "depsSucceeded", deps_failed AS "depsFailed", deps_skipped AS "depsSkipped",
  parent_task_id AS "parentTaskId", item_index AS "itemIndex", children_total AS "childrenTotal",
  children_remaining AS "childrenRemaining", children_failed AS "childrenFailed", available_at AS "availableAt",
  dispatch_at AS "dispatchAt", queued_at AS "queuedAt", started_at AS "startedAt", finished_at AS "finishedAt",
  executor_id AS "executorId", wake_at AS "wakeAt", wait_signal AS "waitSignal", queue_timeout_ms AS "queueTimeoutMs",
  created_at AS "createdAt", concurrency_key AS "concurrencyKey", concurrency_limit AS "concurrencyLimit",
  rate_key AS "rateKey", rate_limit AS "rateLimit", rate_period_ms AS "ratePeriodMs"`;
