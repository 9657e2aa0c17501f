import { Injectable } from '@nestjs/common';
import { ACTIVE_TASK_STATUSES } from '@taskloom/engine';
import { DatabasePool } from '../database-pool';
import { execute, queryRows, type Db } from '../sql';
import { SETTLED_COLUMNS, toSettled, type SettledRow } from './settled-task.row';
import { TASK_COLUMNS, type SettledTask, type TaskRow, type TopLevelTask } from './task.rows';

/** What operators do to a run's tasks (retry, cancel) and what they read of them. */
@Injectable()
export class TaskControlRepository {
  constructor(private readonly database: DatabasePool) {}

  /** Every task of a run (forEach items included) in creation order, as the run's page shows them. */
  findByRun(runId: string): Promise<TaskRow[]> {
    return queryRows<TaskRow>(
      this.database.db,
      `SELECT ${TASK_COLUMNS} FROM tasks WHERE run_id = $1 ORDER BY created_at, item_index`,
      [runId],
    );
  }

  /** cancelActive — every task of the runs that has not ended is cancelled. Outputs: the tasks cancelled. */
  async cancelActive(db: Db, runIds: readonly string[]): Promise<SettledTask[]> {
    const rows = await queryRows<SettledRow>(
      db,
      `UPDATE tasks t SET status = 'cancelled', finished_at = now()
        WHERE t.run_id = ANY($1::uuid[]) AND t.status = ANY($2::text[])
        RETURNING ${SETTLED_COLUMNS}`,
      [runIds, ACTIVE_TASK_STATUSES],
    );
    return rows.map(toSettled);
  }

  /** Top-level tasks of a run with their status, for retrying the part of a run that did not succeed. */
  async topLevel(db: Db, runId: string): Promise<TopLevelTask[]> {
    return (await this.topLevelOf(db, [runId])).get(runId) ?? [];
  }

  /** The top-level tasks (not forEach items) of each run, in one query. */
  async topLevelOf(db: Db, runIds: readonly string[]): Promise<Map<string, TopLevelTask[]>> {
    const byRun = new Map<string, TopLevelTask[]>();
    if (runIds.length === 0) return byRun;
    const rows = await queryRows<{
      run_id: string;
      id: string;
      key: string;
      status: string;
      attempt: number;
      max_attempts: number;
    }>(
      db,
      'SELECT run_id, id, key, status, attempt, max_attempts FROM tasks WHERE run_id = ANY($1::uuid[]) AND parent_task_id IS NULL',
      [runIds],
    );
    for (const row of rows) {
      const task = {
        id: row.id,
        key: row.key,
        status: row.status,
        attempt: row.attempt,
        maxAttempts: row.max_attempts,
      };
      const tasks = byRun.get(row.run_id);
      if (tasks) tasks.push(task);
      else byRun.set(row.run_id, [task]);
    }
    return byRun;
  }

  /**
   * resetForRetry — inputs: ended tasks to run again, each with how many of
   * its parents succeeded (the parents that did not are being reset too and
   * will report again). Effect: 'blocked' with fresh counters, a fresh
   * attempt budget on top of the attempts already used (so attempt numbers,
   * and the attempt history, keep growing), and no forEach items.
   */
  async resetForRetry(
    db: Db,
    entries: readonly { id: string; depsSucceeded: number; attemptBudget: number }[],
  ): Promise<void> {
    if (entries.length === 0) return;
    const ids = entries.map((e) => e.id);
    // A group's items share its run and key.
    await execute(
      db,
      `DELETE FROM tasks i USING tasks g
        WHERE g.id = ANY($1::uuid[]) AND i.run_id = g.run_id AND i.key = g.key AND i.parent_task_id = g.id`,
      [ids],
    );
    await execute(
      db,
      `UPDATE tasks t SET status = 'blocked', output = NULL, error = NULL, input = NULL, queue = NULL,
                          deps_succeeded = e.s, deps_failed = 0, deps_skipped = 0,
                          children_total = 0, children_remaining = 0, children_failed = 0,
                          max_attempts = t.attempt + e.budget, available_at = NULL, dispatch_at = NULL,
                          queued_at = NULL, started_at = NULL, finished_at = NULL, executor_id = NULL,
                          wake_at = NULL, wait_signal = NULL
         FROM unnest($1::uuid[], $2::int[], $3::int[]) AS e(id, s, budget)
        WHERE t.id = e.id`,
      [ids, entries.map((e) => e.depsSucceeded), entries.map((e) => e.attemptBudget)],
    );
  }
}
