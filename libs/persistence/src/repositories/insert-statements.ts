import { jsonArray } from '../sql';
import type { NewRunRow } from './run.rows';
import type { NewTaskRow } from './task.rows';

/**
 * The INSERTs of new runs and tasks as text and parameters, numbered from
 * `first`, so they can stand alone or be composed into one statement that
 * creates whole runs (runs, tasks and the ready signal in one round trip).
 * Arrays, not one parameter per value: one statement whatever the count.
 */
export interface Statement {
  text: string;
  params: unknown[];
}

export function insertRunsStatement(runs: readonly NewRunRow[], first = 1): Statement {
  const p = (n: number) => `$${first + n - 1}`;
  return {
    text: `INSERT INTO runs (id, definition_id, workflow_name, workflow_version, status, priority, input,
                             tenant, idempotency_key, tags, parent_task_id, tasks_remaining, deadline_at, traceparent)
           SELECT r.id, r.definition_id, r.workflow_name, r.workflow_version, 'pending', r.priority, r.input,
                  r.tenant, r.idempotency_key, ARRAY(SELECT jsonb_array_elements_text(r.tags)), r.parent_task_id,
                  r.tasks_remaining, r.deadline_at, r.traceparent
             FROM unnest(${p(1)}::uuid[], ${p(2)}::uuid[], ${p(3)}::text[], ${p(4)}::int[], ${p(5)}::smallint[],
                         ${p(6)}::jsonb[], ${p(7)}::text[], ${p(8)}::text[], ${p(9)}::jsonb[], ${p(10)}::uuid[],
                         ${p(11)}::int[], ${p(12)}::timestamptz[], ${p(13)}::text[])
                  AS r(id, definition_id, workflow_name, workflow_version, priority, input, tenant,
                       idempotency_key, tags, parent_task_id, tasks_remaining, deadline_at, traceparent)
           ON CONFLICT (tenant, workflow_name, idempotency_key) WHERE idempotency_key IS NOT NULL DO NOTHING
           RETURNING id`,
    params: [
      runs.map((r) => r.id),
      runs.map((r) => r.definitionId),
      runs.map((r) => r.workflowName),
      runs.map((r) => r.workflowVersion),
      runs.map((r) => r.priority),
      jsonArray(runs.map((r) => r.input ?? null)).map((value) => value ?? 'null'),
      runs.map((r) => r.tenant),
      runs.map((r) => r.idempotencyKey),
      jsonArray(runs.map((r) => r.tags)),
      runs.map((r) => r.parentTaskId),
      runs.map((r) => r.tasksRemaining),
      runs.map((r) => r.deadlineAt),
      runs.map((r) => r.traceparent ?? null),
    ],
  };
}

/** `where` filters the rows by the alias `r` (for instance to the runs an INSERT just created). */
export function insertTasksStatement(rows: readonly NewTaskRow[], first = 1, where = 'true'): Statement {
  const p = (n: number) => `$${first + n - 1}`;
  return {
    text: `INSERT INTO tasks (id, run_id, key, kind, type, status, priority, attempt, max_attempts, timeout_ms, retry,
                              input, queue, deps_total, parent_task_id, item_index, available_at, dispatch_at)
           SELECT r.id, r.run_id, r.key, r.kind, r.type, r.status, r.priority, r.attempt, r.max_attempts, r.timeout_ms,
                  r.retry, r.input, r.queue, r.deps_total, r.parent_task_id, r.item_index,
                  CASE WHEN r.status = 'ready' THEN now() END,
                  CASE WHEN r.status = 'ready' THEN now() - r.bonus_ms * interval '1 millisecond' END
             FROM unnest(${p(1)}::uuid[], ${p(2)}::uuid[], ${p(3)}::text[], ${p(4)}::text[], ${p(5)}::text[],
                         ${p(6)}::text[], ${p(7)}::smallint[], ${p(8)}::int[], ${p(9)}::int[], ${p(10)}::int[],
                         ${p(11)}::jsonb[], ${p(12)}::jsonb[], ${p(13)}::text[], ${p(14)}::int[], ${p(15)}::uuid[],
                         ${p(16)}::int[], ${p(17)}::bigint[])
                  AS r(id, run_id, key, kind, type, status, priority, attempt, max_attempts, timeout_ms, retry, input,
                       queue, deps_total, parent_task_id, item_index, bonus_ms)
            WHERE ${where}`,
    params: [
      rows.map((r) => r.id),
      rows.map((r) => r.runId),
      rows.map((r) => r.key),
      rows.map((r) => r.kind),
      rows.map((r) => r.type),
      rows.map((r) => r.status),
      rows.map((r) => r.priority),
      rows.map((r) => r.attempt),
      rows.map((r) => r.maxAttempts),
      rows.map((r) => r.timeoutMs),
      jsonArray(rows.map((r) => r.retry)),
      jsonArray(rows.map((r) => r.input)),
      rows.map((r) => r.queue),
      rows.map((r) => r.depsTotal),
      rows.map((r) => r.parentTaskId),
      rows.map((r) => r.itemIndex),
      rows.map((r) => r.dispatchBonusMs),
    ],
  };
}
