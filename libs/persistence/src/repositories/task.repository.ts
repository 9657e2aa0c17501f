import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { TaskEntity } from '../entities';
import { execute, jsonArray, queryRows, type Db } from '../sql';
import { signalReady } from '../ready-signal';
import { toClaimedTask, type ClaimedTaskRow } from './claimed-task.row';
import { insertTasksStatement } from './insert-statements';
import { SETTLED_COLUMNS, toSettled, type SettledRow } from './settled-task.row';
import type { ClaimedTask, DependentCounters, NewTaskRow, SettledTask, TopLevelTask } from './task.rows';

const ACTIVE_TASK_STATUSES = ['blocked', 'ready', 'queued', 'running'];

/**
 * Every task state transition is one conditional UPDATE: it names the state
 * it expects and the attempt it belongs to, so a stale or repeated writer
 * changes nothing (DESIGN invariant 2).
 */
/**
 * The planner settings a claimReady transaction is opened with
 * (TransactionRunner's `planner`). tasks is a queue table: its statistics
 * lag its churn, and a bitmap scan (the planner's pick for a table it thinks
 * is tiny) visits every dead index entry on every claim. A plain ordered
 * scan of ix_tasks_dispatch stops at the limit and marks dead entries so
 * later claims skip them.
 */
export const CLAIM_PLANNER: Readonly<Record<string, string>> = { enable_bitmapscan: 'off', enable_sort: 'off' };

@Injectable()
export class TaskRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * insertTasks — all rows in one statement, whatever their number (arrays,
   * not one parameter per value), with the ready signal when one is ready.
   */
  async insertTasks(db: Db, rows: readonly NewTaskRow[]): Promise<void> {
    if (rows.length === 0) return;
    const statement = insertTasksStatement(rows);
    await execute(db, signalReady(`${statement.text} RETURNING id`), statement.params);
  }

  /**
   * claimReady — inputs: batch size, queues not to feed (saturated).
   * Preconditions: status 'ready', available now, run neither paused nor ended.
   * Rows another router holds are skipped (SKIP LOCKED), so concurrent
   * routers never claim the same row. Effect: the rows become 'queued'.
   * Outputs: the claimed rows in dispatch order (priority head start, then age).
   * Its transaction is opened with CLAIM_PLANNER.
   */
  async claimReady(db: Db, limit: number, excludedQueues: readonly string[]): Promise<ClaimedTask[]> {
    const rows = await queryRows<ClaimedTaskRow & { dispatch_at: Date }>(
      db,
      // The run is read by per-row lookups on its primary key, not a join: the scan then
      // follows ix_tasks_dispatch in order and stops at the limit, however large the
      // backlog, where a join let the planner sort every ready task first.
      `WITH claimed AS (
         SELECT t.id, (SELECT r.traceparent FROM runs r WHERE r.id = t.run_id) AS traceparent,
                (SELECT r.definition_id FROM runs r WHERE r.id = t.run_id) AS definition_id
           FROM tasks t
          WHERE t.status = 'ready' AND t.available_at <= now() AND t.queue <> ALL($2::text[])
            AND (SELECT r.status FROM runs r WHERE r.id = t.run_id) IN ('pending', 'running')
          ORDER BY t.dispatch_at
          LIMIT $1
          FOR UPDATE OF t SKIP LOCKED)
       UPDATE tasks t SET status = 'queued', queued_at = now()
         FROM claimed WHERE t.id = claimed.id
       RETURNING t.id, t.run_id, t.key, t.type, t.attempt, t.max_attempts, t.input, t.timeout_ms, t.retry,
                 t.priority, t.queue, t.available_at, t.dispatch_at, claimed.traceparent, claimed.definition_id`,
      [limit, excludedQueues],
    );
    // RETURNING keeps no order; the queue must receive the batch in dispatch order.
    return rows.sort((a, b) => a.dispatch_at.getTime() - b.dispatch_at.getTime()).map(toClaimedTask);
  }

  /**
   * applyUpstreamOutcomes — inputs: per (run, dependent key), how many of its
   * parents just succeeded, failed and were skipped. Only 'blocked'
   * dependents change; the row lock makes concurrent parents queue up, so
   * each sees the counts the others committed. Rows are locked in id order
   * first: two completions that share dependents then wait for each other
   * instead of deadlocking. Outputs: the new counters.
   */
  async applyUpstreamOutcomes(
    db: Db,
    increments: readonly { runId: string; key: string; succeeded: number; failed: number; skipped: number }[],
  ): Promise<DependentCounters[]> {
    if (increments.length === 0) return [];
    const rows = await queryRows<{
      id: string;
      run_id: string;
      key: string;
      deps_total: number;
      deps_succeeded: number;
      deps_failed: number;
      deps_skipped: number;
    }>(
      db,
      `WITH d AS (
         SELECT run_id, key, sum(s)::int AS s, sum(f)::int AS f, sum(k)::int AS k
           FROM unnest($1::uuid[], $2::text[], $3::int[], $4::int[], $5::int[]) AS x(run_id, key, s, f, k)
          GROUP BY run_id, key),
       locked AS (
         SELECT t.id, d.s, d.f, d.k FROM tasks t JOIN d ON t.run_id = d.run_id AND t.key = d.key
          WHERE t.parent_task_id IS NULL AND t.status = 'blocked'
          ORDER BY t.id
          FOR NO KEY UPDATE OF t)
       UPDATE tasks t SET deps_succeeded = t.deps_succeeded + l.s, deps_failed = t.deps_failed + l.f,
                          deps_skipped = t.deps_skipped + l.k
         FROM locked l WHERE t.id = l.id
        RETURNING t.id, t.run_id, t.key, t.deps_total, t.deps_succeeded, t.deps_failed, t.deps_skipped`,
      [
        increments.map((i) => i.runId),
        increments.map((i) => i.key),
        increments.map((i) => i.succeeded),
        increments.map((i) => i.failed),
        increments.map((i) => i.skipped),
      ],
    );
    return rows.map((row) => ({
      id: row.id,
      runId: row.run_id,
      key: row.key,
      depsTotal: row.deps_total,
      depsSucceeded: row.deps_succeeded,
      depsFailed: row.deps_failed,
      depsSkipped: row.deps_skipped,
    }));
  }

  /**
   * markReady — 'blocked' tasks become 'ready' with their rendered input and
   * queue, as their next attempt, and the router is told. Outputs: how many.
   */
  async markReady(
    db: Db,
    entries: readonly { id: string; input: unknown; queue: string; dispatchBonusMs: number }[],
  ): Promise<number> {
    if (entries.length === 0) return 0;
    const rows = await queryRows<{ changed: number }>(
      db,
      signalReady(`UPDATE tasks t SET status = 'ready', attempt = t.attempt + 1, input = e.input, queue = e.queue, available_at = now(),
                          dispatch_at = now() - e.bonus_ms * interval '1 millisecond'
         FROM unnest($1::uuid[], $2::jsonb[], $3::text[], $4::bigint[]) AS e(id, input, queue, bonus_ms)
        WHERE t.id = e.id AND t.status = 'blocked'
        RETURNING t.id`),
      [
        entries.map((e) => e.id),
        jsonArray(entries.map((e) => e.input ?? null)).map((value) => value ?? 'null'),
        entries.map((e) => e.queue),
        entries.map((e) => e.dispatchBonusMs),
      ],
    );
    return rows[0]?.changed ?? 0;
  }

  /** settleBlocked — 'blocked' tasks end without running (skipped, or failed to render). */
  async settleBlocked(
    db: Db,
    entries: readonly { id: string; status: 'skipped' | 'failed' | 'succeeded'; output?: unknown; error?: unknown }[],
  ): Promise<SettledTask[]> {
    if (entries.length === 0) return [];
    const rows = await queryRows<SettledRow>(
      db,
      `UPDATE tasks t SET status = e.status, output = e.output, error = e.error, finished_at = now()
         FROM unnest($1::uuid[], $2::text[], $3::jsonb[], $4::jsonb[]) AS e(id, status, output, error)
        WHERE t.id = e.id AND t.status = 'blocked'
        RETURNING ${SETTLED_COLUMNS}`,
      [
        entries.map((e) => e.id),
        entries.map((e) => e.status),
        jsonArray(entries.map((e) => e.output)),
        jsonArray(entries.map((e) => e.error)),
      ],
    );
    return rows.map(toSettled);
  }

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
  async settleGroups(
    db: Db,
    entries: readonly { id: string; status: 'succeeded' | 'failed' | 'cancelled'; output?: unknown; error?: unknown }[],
  ): Promise<SettledTask[]> {
    if (entries.length === 0) return [];
    const rows = await queryRows<SettledRow>(
      db,
      `UPDATE tasks t SET status = e.status, output = e.output, error = e.error, finished_at = now()
         FROM unnest($1::uuid[], $2::text[], $3::jsonb[], $4::jsonb[]) AS e(id, status, output, error)
        WHERE t.id = e.id AND t.status = 'running' AND t.kind IN ('foreach', 'workflow')
        RETURNING ${SETTLED_COLUMNS}`,
      [
        entries.map((e) => e.id),
        entries.map((e) => e.status),
        jsonArray(entries.map((e) => e.output)),
        jsonArray(entries.map((e) => e.error)),
      ],
    );
    return rows.map(toSettled);
  }

  /** Outputs and statuses of named top-level tasks, for rendering templates. */
  async outputsOf(
    db: Db,
    refs: readonly { runId: string; key: string }[],
  ): Promise<{ runId: string; key: string; status: string; output: unknown; error: unknown }[]> {
    if (refs.length === 0) return [];
    const rows = await queryRows<{ run_id: string; key: string; status: string; output: unknown; error: unknown }>(
      db,
      `SELECT t.run_id, t.key, t.status, t.output, t.error
         FROM tasks t JOIN unnest($1::uuid[], $2::text[]) AS r(run_id, key) ON t.run_id = r.run_id AND t.key = r.key
        WHERE t.parent_task_id IS NULL`,
      [refs.map((r) => r.runId), refs.map((r) => r.key)],
    );
    return rows.map((row) => ({
      runId: row.run_id,
      key: row.key,
      status: row.status,
      output: row.output,
      error: row.error,
    }));
  }

  findByRun(runId: string, db: Db = this.dataSource.manager): Promise<TaskEntity[]> {
    return db.getRepository(TaskEntity).find({
      where: { runId },
      order: { createdAt: 'ASC', itemIndex: 'ASC' },
    });
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

  /** Sub-workflow runs started by the given tasks. */
  async childRuns(db: Db, taskIds: readonly string[]): Promise<string[]> {
    if (taskIds.length === 0) return [];
    const rows = await queryRows<{ id: string }>(db, 'SELECT id FROM runs WHERE parent_task_id = ANY($1::uuid[])', [
      taskIds,
    ]);
    return rows.map((row) => row.id);
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
                          queued_at = NULL, started_at = NULL, finished_at = NULL, executor_id = NULL
         FROM unnest($1::uuid[], $2::int[], $3::int[]) AS e(id, s, budget)
        WHERE t.id = e.id`,
      [ids, entries.map((e) => e.depsSucceeded), entries.map((e) => e.attemptBudget)],
    );
  }

  /** Tasks waiting to run: ready in PostgreSQL or queued in Redis. Each count reads its own partial index. */
  async countBacklog(): Promise<number> {
    const rows = await queryRows<{ backlog: number }>(
      this.dataSource.manager,
      `SELECT (SELECT count(*) FROM tasks WHERE status = 'ready') + (SELECT count(*) FROM tasks WHERE status = 'queued') AS backlog`,
    );
    return Number(rows[0]?.backlog ?? 0);
  }

  /**
   * returnToReady — inputs: (task id, attempt) of tasks whose queue job was
   * removed (an admin drain). Precondition: still 'queued' at that attempt.
   * Effect: 'ready' again at the same attempt, keeping its place in dispatch
   * order. Outputs: the ids returned.
   */
  async returnToReady(db: Db, entries: readonly { taskId: string; attempt: number }[]): Promise<string[]> {
    if (entries.length === 0) return [];
    const rows = await queryRows<{ id: string }>(
      db,
      `UPDATE tasks t SET status = 'ready', queued_at = NULL
         FROM unnest($1::uuid[], $2::int[]) AS e(id, attempt)
        WHERE t.id = e.id AND t.attempt = e.attempt AND t.status = 'queued'
        RETURNING t.id`,
      [entries.map((e) => e.taskId), entries.map((e) => e.attempt)],
    );
    return rows.map((row) => row.id);
  }
}
