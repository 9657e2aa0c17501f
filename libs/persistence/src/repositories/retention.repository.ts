import { Injectable } from '@nestjs/common';
import { DatabasePool } from '../database-pool';
import { queryRows } from '../sql';

/** Deletes what Taskloom no longer needs to keep: runs that ended long ago, executors long gone. */
@Injectable()
export class RetentionRepository {
  constructor(private readonly database: DatabasePool) {}

  /**
   * deleteFinishedRuns — inputs: a cutoff and a batch size.
   * Effect: up to `limit` runs that ended (succeeded, failed, cancelled)
   * before the cutoff are deleted, oldest first (ix_runs_finished); their
   * tasks and forEach items (tasks.run_id, tasks.parent_task_id) and
   * attempts (task_attempts.task_id) and signals (signals.run_id) go with
   * them by ON DELETE CASCADE.
   * Runs another transaction holds are skipped (SKIP LOCKED), so routers
   * sweeping at once split the work and a run being retried is left alone.
   * Small batches keep each transaction, and the locks it takes, short.
   * Outputs: how many runs were deleted.
   */
  async deleteFinishedRuns(cutoff: Date, limit: number): Promise<number> {
    const rows = await queryRows<{ deleted: number }>(
      this.database.db,
      `WITH doomed AS (
         SELECT id FROM runs
          WHERE status IN ('succeeded', 'failed', 'cancelled') AND finished_at < $1
          ORDER BY finished_at
          LIMIT $2
          FOR UPDATE SKIP LOCKED),
       deleted AS (DELETE FROM runs r USING doomed WHERE r.id = doomed.id RETURNING 1)
       SELECT count(*)::int AS deleted FROM deleted`,
      [cutoff, limit],
    );
    return rows[0]?.deleted ?? 0;
  }

  /** Executors that stopped, or last heartbeated, before the cutoff: every restart registers a new one. */
  async deleteGoneExecutors(cutoff: Date): Promise<number> {
    const rows = await queryRows<{ deleted: number }>(
      this.database.db,
      `WITH deleted AS (DELETE FROM executors WHERE coalesce(stopped_at, heartbeat_at) < $1 RETURNING 1)
       SELECT count(*)::int AS deleted FROM deleted`,
      [cutoff],
    );
    return rows[0]?.deleted ?? 0;
  }
}
