import type { TaskloomConfig } from '@taskloom/config';

/** The fewest milliseconds between two stalled-job checks of one queue. */
const MIN_STALLED_INTERVAL_MS = 500;
/** BullMQ's default stalled-job check period, kept as the longest. */
const MAX_STALLED_INTERVAL_MS = 30_000;

/**
 * How soon a job held by a dead executor is delivered again. A worker
 * renews its jobs' locks every half lockDuration; a lock not renewed for
 * EXECUTOR_LOST_AFTER_MS expires, and a stalled-job check (every third of
 * that) puts the job back, where another executor takes it over as a new
 * attempt. So interrupted work, even a short task never recorded as
 * running, runs again within about EXECUTOR_LOST_AFTER_MS plus two checks —
 * not BullMQ's default 30 to 60 seconds. A handler that blocks the event
 * loop longer than half that loses its lock and is run again (isolation
 * `thread` or `process` is for such work). The number of stalls allowed is
 * not BullMQ's to decide: TASK_MAX_INTERRUPTIONS bounds it in PostgreSQL.
 */
export function workerLockOptions(config: TaskloomConfig) {
  const lockDuration = config.router.executorLostAfterMs;
  return {
    lockDuration,
    stalledInterval: Math.min(MAX_STALLED_INTERVAL_MS, Math.max(MIN_STALLED_INTERVAL_MS, Math.round(lockDuration / 3))),
    maxStalledCount: Number.MAX_SAFE_INTEGER,
  };
}
