import { Injectable } from '@nestjs/common';
import { SUB_RUN_CHANNEL } from '../ready-signal';
import { execute, queryRows, type Db } from '../sql';

/** A sub-workflow task whose child run is to be created now. */
export interface PendingSubRun {
  taskId: string;
  runId: string;
  key: string;
  input: unknown;
}

@Injectable()
export class SubRunQueueRepository {
  /**
   * enqueue — inputs: sub-workflow tasks just started (startGroups) in this
   * transaction. Effect: records each with its current attempt, so a later
   * retry of the task is a new entry; announces them on SUB_RUN_CHANNEL at
   * commit. Preconditions: the tasks are 'running'; others are left out.
   */
  async enqueue(db: Db, taskIds: readonly string[]): Promise<void> {
    if (taskIds.length === 0) return;
    await execute(
      db,
      `WITH queued AS (
         INSERT INTO pending_sub_runs (task_id, attempt)
         SELECT t.id, t.attempt FROM tasks t WHERE t.id = ANY($1::uuid[]) AND t.status = 'running'
         ON CONFLICT (task_id) DO UPDATE SET attempt = EXCLUDED.attempt, created_at = now()
         RETURNING 1)
       SELECT pg_notify('${SUB_RUN_CHANNEL}', '') FROM queued LIMIT 1`,
      [taskIds],
    );
  }

  /**
   * claim — takes up to `limit` entries, oldest first, skipping those
   * another transaction holds, and deletes them. Outputs: those whose task
   * is still running the same attempt (a cancelled or retried task's entry
   * is dropped), with what the launch needs. The caller creates the child
   * runs in the same transaction, so a crash before its commit leaves the
   * entries for the next claim.
   */
  async claim(db: Db, limit: number): Promise<PendingSubRun[]> {
    const rows = await queryRows<{ task_id: string; run_id: string; key: string; input: unknown }>(
      db,
      `WITH claimed AS (
         DELETE FROM pending_sub_runs p
          WHERE p.task_id IN (SELECT task_id FROM pending_sub_runs ORDER BY created_at LIMIT $1 FOR UPDATE SKIP LOCKED)
         RETURNING p.task_id, p.attempt)
       SELECT t.id AS task_id, t.run_id, t.key, t.input
         FROM claimed c JOIN tasks t ON t.id = c.task_id
        WHERE t.status = 'running' AND t.attempt = c.attempt AND t.kind = 'workflow'`,
      [limit],
    );
    return rows.map((row) => ({ taskId: row.task_id, runId: row.run_id, key: row.key, input: row.input }));
  }
}
