import { Injectable } from '@nestjs/common';
import { execute, jsonArray, queryRows, type Db } from '../sql';
import { settleTasks, type Settlement } from './settle-tasks';
import type { SettledTask } from './task.rows';

/** forEach groups and sub-workflow tasks: they start, count their children down, and end with their result. */
@Injectable()
export class TaskGroupRepository {
  /** startGroups — a forEach group or sub-workflow task starts waiting for its children. */
  async startGroups(db: Db, entries: readonly { id: string; childrenTotal: number; input?: unknown }[]): Promise<void> {
    if (entries.length === 0) return;
    await execute(
      db,
      `UPDATE tasks t SET status = 'running', attempt = t.attempt + 1, started_at = now(), input = e.input,
                          children_total = e.n, children_remaining = e.n
         FROM unnest($1::uuid[], $2::int[], $3::jsonb[]) AS e(id, n, input)
        WHERE t.id = e.id AND t.status = 'blocked'`,
      [entries.map((e) => e.id), entries.map((e) => e.childrenTotal), jsonArray(entries.map((e) => e.input))],
    );
  }

  /**
   * countFinishedItems — inputs: per forEach group, items just settled and
   * how many of them failed. Groups are locked in id order, as dependents
   * are. Outputs: groups with their remaining counters.
   */
  async countFinishedItems(
    db: Db,
    items: readonly { groupId: string; failed: boolean }[],
  ): Promise<{ id: string; runId: string; key: string; remaining: number; failed: number }[]> {
    if (items.length === 0) return [];
    const rows = await queryRows<{
      id: string;
      run_id: string;
      key: string;
      children_remaining: number;
      children_failed: number;
    }>(
      db,
      `WITH d AS (SELECT id, count(*)::int AS n, sum(f)::int AS f FROM unnest($1::uuid[], $2::int[]) AS x(id, f) GROUP BY id),
       locked AS (SELECT t.id, d.n, d.f FROM tasks t JOIN d ON t.id = d.id WHERE t.status = 'running' ORDER BY t.id FOR NO KEY UPDATE OF t)
       UPDATE tasks t SET children_remaining = t.children_remaining - l.n, children_failed = t.children_failed + l.f
         FROM locked l WHERE t.id = l.id
        RETURNING t.id, t.run_id, t.key, t.children_remaining, t.children_failed`,
      [items.map((i) => i.groupId), items.map((i) => (i.failed ? 1 : 0))],
    );
    return rows.map((row) => ({
      id: row.id,
      runId: row.run_id,
      key: row.key,
      remaining: row.children_remaining,
      failed: row.children_failed,
    }));
  }

  /** The outputs of a forEach group's items (same run and key as the group), in item order. */
  async itemOutputs(db: Db, group: { runId: string; key: string }): Promise<unknown[]> {
    const rows = await queryRows<{ outputs: unknown[] }>(
      db,
      `SELECT coalesce(jsonb_agg(output ORDER BY item_index), '[]'::jsonb) AS outputs
         FROM tasks WHERE run_id = $1 AND key = $2 AND parent_task_id IS NOT NULL`,
      [group.runId, group.key],
    );
    return rows[0]?.outputs ?? [];
  }

  /** settleGroups — a running forEach group or sub-workflow task ends with its children's result. */
  settleGroups(db: Db, entries: readonly Settlement[]): Promise<SettledTask[]> {
    return settleTasks(db, 'runningGroup', entries);
  }
}
