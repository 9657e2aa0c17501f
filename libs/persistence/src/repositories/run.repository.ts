import { Injectable } from '@nestjs/common';
import { ACTIVE_RUN_STATUSES } from '@taskloom/engine';
import type { TaskFailure } from '@taskloom/sdk';
import { DatabasePool } from '../database-pool';
import { READY_CHANNEL } from '../ready-signal';
import { execute, jsonArray, queryRows, type Db } from '../sql';
import { exactTimestamp, pageOf, type Page, type TimeKey } from './keyset';
import { insertRunsStatement, insertTasksStatement, type NewRunRow, type NewTaskRow } from './new-rows';

/** An idempotency key is unique per tenant and workflow. */
export interface IdempotencyRef {
  tenant: string;
  workflowName: string;
  key: string;
}

/** A run as its own page shows it: every column. */
export interface RunRow {
  id: string;
  definitionId: string;
  workflowName: string;
  workflowVersion: number;
  status: string;
  priority: number;
  input: unknown;
  output: unknown;
  error: unknown;
  tenant: string;
  idempotencyKey: string | null;
  tags: string[];
  parentTaskId: string | null;
  parentAttempt: number | null;
  tasksRemaining: number;
  tasksFailed: number;
  deadlineAt: Date | null;
  traceparent: string | null;
  startAt: Date | null;
  /** The workflow's rendered concurrency key, tenant-qualified (ADR 0027). */
  concurrencyKey: string | null;
  concurrencyLimit: number | null;
  concurrencyOnLimit: string | null;
  createdAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
  updatedAt: Date;
}

const RUN_COLUMNS = `id, definition_id AS "definitionId", workflow_name AS "workflowName",
  workflow_version AS "workflowVersion", status, priority, input, output, error, tenant,
  idempotency_key AS "idempotencyKey", tags, parent_task_id AS "parentTaskId", parent_attempt AS "parentAttempt",
  tasks_remaining AS "tasksRemaining", tasks_failed AS "tasksFailed", deadline_at AS "deadlineAt", traceparent,
  start_at AS "startAt", concurrency_key AS "concurrencyKey", concurrency_limit AS "concurrencyLimit",
  concurrency_on_limit AS "concurrencyOnLimit", created_at AS "createdAt", started_at AS "startedAt", finished_at AS "finishedAt", updated_at AS "updatedAt"`;

/** What the engine needs to know about a run while it advances the run's tasks. */
export interface RunContext {
  id: string;
  definitionId: string;
  input: unknown;
  tenant: string;
  status: string;
  priority: number;
  parentTaskId: string | null;
  traceparent: string | null;
}

export interface RunSearch {
  workflow?: string;
  status?: string;
  tag?: string;
  tenant?: string;
  /** Created at or after this instant (ISO 8601). */
  since?: string;
  /** Created before this instant (ISO 8601). */
  until?: string;
  limit: number;
  /** Continue after this run: the cursor of the previous page's last one. */
  after?: TimeKey;
}

/** A run as a list shows it, with its exact created_at for the next page's cursor. */
export interface RunListRow {
  id: string;
  workflowName: string;
  workflowVersion: number;
  status: string;
  priority: number;
  input: unknown;
  output: unknown;
  error: unknown;
  tags: string[];
  parentTaskId: string | null;
  startAt: Date | null;
  createdAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
  cursorAt: string;
}

const RUN_LIST_COLUMNS = `id, workflow_name AS "workflowName", workflow_version AS "workflowVersion", status, priority, input,
  output, error, tags, parent_task_id AS "parentTaskId", start_at AS "startAt", created_at AS "createdAt", started_at AS "startedAt",
  finished_at AS "finishedAt"`;

/** How a run ends: its terminal status with its output or its failure. */
export interface RunOutcome {
  id: string;
  status: 'succeeded' | 'failed' | 'cancelled';
  output: unknown;
  error: TaskFailure | null;
}

/** What createRuns wrote: the runs inserted, and the workflow catalog's generation it saw. */
export interface CreatedRuns {
  ids: Set<string>;
  catalogGeneration: string;
}

/** A run whose finished tasks were just counted (countFinished). */
export interface CountedRun {
  id: string;
  remaining: number;
  /** Ended by this count: its last task finished, nothing failed, no output to render. */
  ended: boolean;
  parentTaskId: string | null;
}

@Injectable()
export class RunRepository {
  constructor(private readonly database: DatabasePool) {}

  /**
   * createRuns — new runs with all their tasks, and the ready signal when a
   * task is ready, in one statement: one round trip, and atomic without an
   * explicit transaction. A run whose idempotency key an earlier run of the
   * same tenant and workflow already used is not inserted, nor are its
   * tasks; nor is one whose `catalogGeneration` is no longer the catalog's
   * (ADR 0039). Outputs: the ids of the runs inserted, and the catalog's
   * generation in the statement's snapshot, which tells those two apart.
   */
  async createRuns(
    runs: readonly NewRunRow[],
    tasks: readonly NewTaskRow[],
    db: Db = this.database.db,
  ): Promise<CreatedRuns> {
    const runInsert = insertRunsStatement(runs);
    const taskInsert = insertTasksStatement(
      tasks,
      runInsert.params.length + 1,
      'r.run_id IN (SELECT id FROM inserted)',
    );
    const rows = await queryRows<{ ids: string[]; generation: string }>(
      db,
      `WITH inserted AS (${runInsert.text}),
            created AS (${taskInsert.text} RETURNING status)
       SELECT ARRAY(SELECT id FROM inserted) AS ids, (SELECT generation FROM workflow_catalog) AS generation,
              (SELECT pg_notify('${READY_CHANNEL}', '') FROM created WHERE status = 'ready' LIMIT 1) AS notified`,
      [...runInsert.params, ...taskInsert.params],
    );
    return { ids: new Set(rows[0]!.ids), catalogGeneration: rows[0]!.generation };
  }

  async findByIdempotencyKey(db: Db, tenant: string, workflowName: string, key: string): Promise<RunRow | null> {
    const rows = await queryRows<RunRow>(
      db,
      `SELECT ${RUN_COLUMNS} FROM runs WHERE tenant = $1 AND workflow_name = $2 AND idempotency_key = $3`,
      [tenant, workflowName, key],
    );
    return rows[0] ?? null;
  }

  /**
   * The runs named by (tenant, workflow, idempotency key), in one query
   * however many: what a batch of starts whose keys were already used
   * answers with. A key no run holds is absent from the result.
   */
  async findByIdempotencyKeys(keys: readonly IdempotencyRef[], db: Db = this.database.db): Promise<RunRow[]> {
    if (keys.length === 0) return [];
    return queryRows<RunRow>(
      db,
      `SELECT ${RUN_COLUMNS} FROM runs
        WHERE (tenant, workflow_name, idempotency_key) IN (SELECT * FROM unnest($1::text[], $2::text[], $3::text[]))`,
      [keys.map((ref) => ref.tenant), keys.map((ref) => ref.workflowName), keys.map((ref) => ref.key)],
    );
  }

  async findById(id: string): Promise<RunRow | null> {
    const rows = await queryRows<RunRow>(this.database.db, `SELECT ${RUN_COLUMNS} FROM runs WHERE id = $1`, [id]);
    return rows[0] ?? null;
  }

  /** The run's tenant, or undefined when there is no such run: the API's visibility check, without the run's documents. */
  async tenantOf(id: string): Promise<string | undefined> {
    const rows = await queryRows<{ tenant: string }>(this.database.db, 'SELECT tenant FROM runs WHERE id = $1', [id]);
    return rows[0]?.tenant;
  }

  /** The definition each run is pinned to, without the run's documents: what the cascade needs to find dependents. */
  async definitionsOf(db: Db, ids: readonly string[]): Promise<Map<string, string>> {
    if (ids.length === 0) return new Map();
    const rows = await queryRows<{ id: string; definition_id: string }>(
      db,
      'SELECT id, definition_id FROM runs WHERE id = ANY($1::uuid[])',
      [ids],
    );
    return new Map(rows.map((row) => [row.id, row.definition_id]));
  }

  async contexts(db: Db, ids: readonly string[]): Promise<Map<string, RunContext>> {
    const rows = await queryRows<{
      id: string;
      definition_id: string;
      input: unknown;
      tenant: string;
      status: string;
      priority: number;
      parent_task_id: string | null;
      traceparent: string | null;
    }>(
      db,
      `SELECT id, definition_id, input, tenant, status, priority, parent_task_id, traceparent FROM runs WHERE id = ANY($1::uuid[])`,
      [ids],
    );
    return new Map(
      rows.map((row) => [
        row.id,
        {
          id: row.id,
          definitionId: row.definition_id,
          input: row.input,
          tenant: row.tenant,
          status: row.status,
          priority: row.priority,
          parentTaskId: row.parent_task_id,
          traceparent: row.traceparent,
        },
      ]),
    );
  }

  /**
   * search — a page of runs, newest first, in (created_at, id) order, which
   * is strict: continuing after a cursor's exact key never skips or repeats
   * a run, however many runs share a created_at. The filters present pick
   * the statement text, so each shape gets its own plan and index.
   */
  async search(query: RunSearch): Promise<Page<RunListRow>> {
    const params: unknown[] = [];
    const where: string[] = [];
    const bind = (value: unknown) => `$${params.push(value)}`;
    if (query.tenant) where.push(`tenant = ${bind(query.tenant)}`);
    if (query.workflow) where.push(`workflow_name = ${bind(query.workflow)}`);
    if (query.status) where.push(`status = ${bind(query.status)}`);
    // The tags index leaves out runs without tags; saying so lets the planner use it.
    if (query.tag) where.push(`tags @> ARRAY[${bind(query.tag)}]::text[] AND tags <> '{}'`);
    if (query.since) where.push(`created_at >= ${bind(query.since)}::timestamptz`);
    if (query.until) where.push(`created_at < ${bind(query.until)}::timestamptz`);
    if (query.after)
      where.push(`(created_at, id) < (${bind(query.after.at)}::timestamptz, ${bind(query.after.id)}::uuid)`);
    const rows = await queryRows<RunListRow>(
      this.database.db,
      `SELECT ${RUN_LIST_COLUMNS}, ${exactTimestamp('created_at')} AS "cursorAt"
         FROM runs ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''}
        ORDER BY created_at DESC, id DESC
        LIMIT ${bind(query.limit + 1)}`,
      params,
    );
    return pageOf(rows, query.limit);
  }

  /** Sub-workflow runs started by the given tasks. */
  async childRuns(db: Db, taskIds: readonly string[]): Promise<string[]> {
    if (taskIds.length === 0) return [];
    const rows = await queryRows<{ id: string }>(db, 'SELECT id FROM runs WHERE parent_task_id = ANY($1::uuid[])', [
      taskIds,
    ]);
    return rows.map((row) => row.id);
  }

  /** markStarted — pending runs of the given ids become running; others are left as they are. */
  async markStarted(db: Db, ids: readonly string[]): Promise<void> {
    await execute(
      db,
      `UPDATE runs SET status = 'running', started_at = now(), updated_at = now()
        WHERE id = ANY($1::uuid[]) AND status = 'pending'`,
      [ids],
    );
  }

  /**
   * countFinished — inputs: per run, how many of its top-level tasks just
   * ended, how many of those failed or were cancelled, the earliest start
   * among them, and whether the run has an output template to render.
   * Preconditions: the run is active. Runs are locked in id order first, so
   * concurrent callers queue up instead of deadlocking, and exactly one of
   * them counts a run down to zero.
   * Effect: the counters move; a pending run is now running; a run counted
   * down to zero with nothing failed and no output to render succeeds in
   * this same statement (output null).
   * Outputs: every run counted, with what is left of it and whether this
   * call ended it. A run at zero that did not end needs its outcome decided
   * (finishMany).
   */
  async countFinished(
    db: Db,
    entries: readonly {
      runId: string;
      finished: number;
      failed: number;
      startedAt: Date | null;
      rendersOutput: boolean;
    }[],
  ): Promise<CountedRun[]> {
    if (entries.length === 0) return [];
    const rows = await queryRows<{
      id: string;
      tasks_remaining: number;
      ended: boolean;
      parent_task_id: string | null;
    }>(
      db,
      `WITH d AS (
         SELECT * FROM unnest($1::uuid[], $2::int[], $3::int[], $4::timestamptz[], $5::bool[])
                    AS d(id, finished, failed, started_at, renders_output)),
       locked AS (
         SELECT r.id, d.finished, d.failed, d.started_at,
                r.tasks_remaining - d.finished <= 0 AND r.tasks_failed + d.failed = 0 AND NOT d.renders_output AS ends
           FROM runs r JOIN d ON r.id = d.id
          WHERE r.status = ANY($6::text[])
          ORDER BY r.id
          FOR NO KEY UPDATE OF r)
       UPDATE runs r SET tasks_remaining = r.tasks_remaining - l.finished, tasks_failed = r.tasks_failed + l.failed,
                         status = CASE WHEN l.ends THEN 'succeeded' WHEN r.status = 'pending' THEN 'running' ELSE r.status END,
                         started_at = coalesce(r.started_at, l.started_at, now()),
                         finished_at = CASE WHEN l.ends THEN now() ELSE r.finished_at END,
                         updated_at = CASE WHEN l.ends OR r.status = 'pending' THEN now() ELSE r.updated_at END
         FROM locked l WHERE r.id = l.id
       RETURNING r.id, r.tasks_remaining, l.ends AS ended, r.parent_task_id`,
      [
        entries.map((e) => e.runId),
        entries.map((e) => e.finished),
        entries.map((e) => e.failed),
        entries.map((e) => e.startedAt),
        entries.map((e) => e.rendersOutput),
        ACTIVE_RUN_STATUSES,
      ],
    );
    return rows.map((row) => ({
      id: row.id,
      remaining: row.tasks_remaining,
      ended: row.ended,
      parentTaskId: row.parent_task_id,
    }));
  }

  /**
   * finish — inputs: run id, terminal status, output, error.
   * Precondition: the run is still active. Outputs: the parent task id (for
   * a sub-workflow run) or null; undefined when the run had already ended.
   */
  async finish(
    db: Db,
    id: string,
    status: 'succeeded' | 'failed' | 'cancelled',
    output: unknown,
    error: TaskFailure | null,
  ): Promise<{ parentTaskId: string | null } | undefined> {
    const [ended] = await this.finishMany(db, [{ id, status, output, error }]);
    return ended && { parentTaskId: ended.parentTaskId };
  }

  /**
   * finishMany — ends each run with its outcome, in one statement; a run
   * that has already ended (cancelled, timed out) keeps its end. Outputs:
   * the runs this call ended, with their parent task (sub-workflow runs).
   */
  async finishMany(db: Db, outcomes: readonly RunOutcome[]): Promise<{ id: string; parentTaskId: string | null }[]> {
    if (outcomes.length === 0) return [];
    const rows = await queryRows<{ id: string; parent_task_id: string | null }>(
      db,
      `UPDATE runs r SET status = f.status, output = f.output, error = f.error, finished_at = now(), updated_at = now(),
                         started_at = coalesce(r.started_at, now())
         FROM unnest($1::uuid[], $2::text[], $3::jsonb[], $4::jsonb[]) AS f(id, status, output, error)
        WHERE r.id = f.id AND r.status = ANY($5::text[])
        RETURNING r.id, r.parent_task_id`,
      [
        outcomes.map((o) => o.id),
        outcomes.map((o) => o.status),
        jsonArray(outcomes.map((o) => o.output)),
        jsonArray(outcomes.map((o) => o.error)),
        ACTIVE_RUN_STATUSES,
      ],
    );
    return rows.map((row) => ({ id: row.id, parentTaskId: row.parent_task_id }));
  }

  /** lockRun — the run row, locked until the transaction ends, so control actions on one run take turns. */
  async lockRun(
    db: Db,
    id: string,
  ): Promise<{ id: string; status: string; definitionId: string; parentTaskId: string | null } | undefined> {
    const rows = await queryRows<{ id: string; status: string; definition_id: string; parent_task_id: string | null }>(
      db,
      'SELECT id, status, definition_id, parent_task_id FROM runs WHERE id = $1 FOR UPDATE',
      [id],
    );
    const row = rows[0];
    return row && { id: row.id, status: row.status, definitionId: row.definition_id, parentTaskId: row.parent_task_id };
  }

  /** setStatus — moves a run between active statuses; pending/running is decided by whether it has started. */
  async setStatus(db: Db, id: string, status: 'paused' | 'active'): Promise<void> {
    await execute(
      db,
      `UPDATE runs SET updated_at = now(),
              status = CASE WHEN $2 = 'paused' THEN 'paused' WHEN started_at IS NULL THEN 'pending' ELSE 'running' END
        WHERE id = $1`,
      [id, status],
    );
  }

  /**
   * promoteDue — scheduled runs whose start time has come are promoted, at
   * most `limit`, oldest start first: a run with a workflow concurrency key
   * becomes 'queued' (admission decides, ADR 0027), any other 'pending'; the
   * caller activates the pending ones' roots in the same transaction. Rows
   * another router holds are skipped. Outputs: the runs promoted, with their
   * start time and new status.
   */
  async promoteDue(db: Db, limit: number): Promise<{ id: string; startAt: Date; status: 'pending' | 'queued' }[]> {
    return queryRows<{ id: string; startAt: Date; status: 'pending' | 'queued' }>(
      db,
      `WITH due AS (
         SELECT id FROM runs WHERE status = 'scheduled' AND start_at <= now()
          ORDER BY start_at LIMIT $1 FOR UPDATE SKIP LOCKED)
       UPDATE runs r SET status = CASE WHEN r.concurrency_key IS NULL THEN 'pending' ELSE 'queued' END, updated_at = now()
         FROM due WHERE r.id = due.id
       RETURNING r.id, r.start_at AS "startAt", r.status`,
      [limit],
    );
  }

  /**
   * nextStartInMs — milliseconds from now (the database's clock) until the
   * earliest start time of a scheduled run; null when none is scheduled.
   */
  async nextStartInMs(): Promise<number | null> {
    const rows = await queryRows<{ in_ms: number | null }>(
      this.database.db,
      `SELECT extract(epoch FROM min(start_at) - now())::float8 * 1000 AS in_ms FROM runs WHERE status = 'scheduled'`,
    );
    return rows[0]?.in_ms ?? null;
  }

  /** reopen — a failed run runs again with the given number of tasks left to finish. */
  async reopen(db: Db, id: string, tasksRemaining: number): Promise<void> {
    await execute(
      db,
      `UPDATE runs SET status = 'running', tasks_remaining = $2, tasks_failed = 0, output = NULL, error = NULL, finished_at = NULL,
                       updated_at = now()
        WHERE id = $1`,
      [id, tasksRemaining],
    );
  }

  /** How many sub-workflow levels lie above a run (0 for a run started over the API). */
  async nestingDepth(db: Db, runId: string): Promise<number> {
    const rows = await queryRows<{ depth: number }>(
      db,
      `WITH RECURSIVE chain(run_id, depth) AS (
         SELECT $1::uuid, 0
         UNION ALL
         SELECT t.run_id, c.depth + 1 FROM chain c JOIN runs r ON r.id = c.run_id JOIN tasks t ON t.id = r.parent_task_id
          WHERE c.depth < 100)
       SELECT max(depth)::int AS depth FROM chain`,
      [runId],
    );
    return rows[0]?.depth ?? 0;
  }
}
