import { jsonOrJsonNull, jsonOrNull } from '../sql';
import { buildInsert, type Statement, type TableSpec } from './row-insert';

/**
 * The one definition of a new run's and a new task's row: what the
 * orchestrator builds (run-builder.ts) and what the INSERTs are built from
 * (row-insert.ts). A field added here must be given its column spec below,
 * or the code does not compile; its column also needs the entity and a
 * migration (README: "Add a field to runs or tasks").
 */
export interface NewRunRow {
  id: string;
  definitionId: string;
  workflowName: string;
  workflowVersion: number;
  priority: number;
  input: unknown;
  tenant: string;
  idempotencyKey: string | null;
  tags: string[];
  parentTaskId: string | null;
  tasksRemaining: number;
  deadlineAt: Date | null;
  /** W3C trace context the run's tasks are traced under; absent when tracing is off. */
  traceparent?: string | null;
  /**
   * A later start (startAt, delayMs): the run is 'scheduled' until then, its
   * roots not activated. Only a future time: the run starter leaves a past one out.
   */
  startAt?: Date | null;
  /** The workflow's rendered concurrency key, its limit and onLimit (ADR 0027): the run is 'queued' until admitted. */
  concurrencyKey?: string | null;
  concurrencyLimit?: number | null;
  concurrencyOnLimit?: string | null;
  /**
   * Not a column: the workflow catalog's generation the run's workflow was
   * resolved at, when that resolution came from a cache (ADR 0039). The run
   * is left out unless the catalog is still at it; null inserts regardless.
   */
  catalogGeneration?: string | null;
}

/** `sleep` and `signal` tasks wait in PostgreSQL (status 'waiting'), never on a queue. */
export type TaskKind = 'task' | 'workflow' | 'foreach' | 'item' | 'sleep' | 'signal';

export interface NewTaskRow {
  id: string;
  runId: string;
  /** The run's tenant: the claim shares dispatch between tenants (ADR 0022). */
  tenant: string;
  key: string;
  kind: TaskKind;
  type: string | null;
  status: 'blocked' | 'ready';
  priority: number;
  attempt: number;
  maxAttempts: number;
  timeoutMs: number;
  /** Longest time from ready to started; null: no limit. */
  queueTimeoutMs: number | null;
  retry: unknown;
  input: unknown;
  queue: string | null;
  depsTotal: number;
  parentTaskId: string | null;
  itemIndex: number | null;
  /** How far ahead of its ready time a task is placed in dispatch order: the priority class's head start. */
  dispatchBonusMs: number;
  /** Tenant-qualified rendered concurrency key and its limit (ADR 0022); absent for most tasks. */
  concurrencyKey?: string | null;
  concurrencyLimit?: number | null;
  /** Rate-limit bucket, limit and period (ADR 0026); absent for most tasks. */
  rateKey?: string | null;
  rateLimit?: number | null;
  ratePeriodMs?: number | null;
}

export const RUN_ROW: TableSpec<NewRunRow> = {
  table: 'runs',
  fields: {
    id: { type: 'uuid' },
    definitionId: { type: 'uuid' },
    workflowName: { type: 'text' },
    workflowVersion: { type: 'int' },
    priority: { type: 'smallint' },
    input: { type: 'jsonb', encode: jsonOrJsonNull },
    tenant: { type: 'text' },
    idempotencyKey: { type: 'text' },
    // A text[] per row cannot travel in one array parameter (PostgreSQL arrays are rectangular): JSON does.
    tags: { type: 'jsonb', encode: jsonOrNull, into: { tags: 'ARRAY(SELECT jsonb_array_elements_text(r.tags))' } },
    parentTaskId: { type: 'uuid' },
    tasksRemaining: { type: 'int' },
    deadlineAt: { type: 'timestamptz' },
    traceparent: { type: 'text' },
    concurrencyKey: { type: 'text' },
    concurrencyLimit: { type: 'int' },
    concurrencyOnLimit: { type: 'text' },
    catalogGeneration: { type: 'bigint', into: {} },
    // Last: it also fills the status, from start_at and concurrency_key.
    startAt: {
      type: 'timestamptz',
      into: {
        start_at: 'r.start_at',
        // Not admitted yet: its tasks are all blocked until promotion or admission activates the roots.
        status: `CASE WHEN r.start_at IS NOT NULL THEN 'scheduled' WHEN r.concurrency_key IS NOT NULL THEN 'queued' ELSE 'pending' END`,
      },
    },
  },
};

export const TASK_ROW: TableSpec<NewTaskRow> = {
  table: 'tasks',
  fields: {
    id: { type: 'uuid' },
    runId: { type: 'uuid' },
    tenant: { type: 'text' },
    key: { type: 'text' },
    kind: { type: 'text' },
    type: { type: 'text' },
    status: { type: 'text' },
    priority: { type: 'smallint' },
    attempt: { type: 'int' },
    maxAttempts: { type: 'int' },
    timeoutMs: { type: 'int' },
    queueTimeoutMs: { type: 'int' },
    retry: { type: 'jsonb', encode: jsonOrNull },
    input: { type: 'jsonb', encode: jsonOrNull },
    queue: { type: 'text' },
    depsTotal: { type: 'int' },
    parentTaskId: { type: 'uuid' },
    itemIndex: { type: 'int' },
    concurrencyKey: { type: 'text' },
    concurrencyLimit: { type: 'int' },
    rateKey: { type: 'text' },
    rateLimit: { type: 'int' },
    ratePeriodMs: { type: 'int' },
    // Not a column: a ready task's place in dispatch order is computed from it.
    dispatchBonusMs: {
      type: 'bigint',
      into: {
        available_at: `CASE WHEN r.status = 'ready' THEN now() END`,
        dispatch_at: `CASE WHEN r.status = 'ready' THEN now() - r.dispatch_bonus_ms * interval '1 millisecond' END`,
      },
    },
  },
};

/**
 * New runs; one resolved at a catalog generation that is no longer current,
 * or whose idempotency key its tenant already used for the workflow, is
 * left out. Returns their ids.
 */
export function insertRunsStatement(runs: readonly NewRunRow[], first = 1): Statement {
  const insert = buildInsert(RUN_ROW, runs, first);
  return {
    text: `${insert.text}
            WHERE r.catalog_generation IS NULL OR r.catalog_generation = (SELECT generation FROM workflow_catalog)
           ON CONFLICT (tenant, workflow_name, idempotency_key) WHERE idempotency_key IS NOT NULL DO NOTHING
           RETURNING id`,
    params: insert.params,
  };
}

/** `where` filters the rows by the alias `r` (for instance to the runs an INSERT just created). */
export function insertTasksStatement(rows: readonly NewTaskRow[], first = 1, where = 'true'): Statement {
  const insert = buildInsert(TASK_ROW, rows, first);
  return { text: `${insert.text}\n            WHERE ${where}`, params: insert.params };
}
