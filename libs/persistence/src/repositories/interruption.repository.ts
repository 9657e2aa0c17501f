import { Injectable } from '@nestjs/common';
import { jsonArray, queryRows, type Db } from '../sql';
import { SETTLED_COLUMNS, toSettled, type SettledRow } from './settled-task.row';
import type { SettledTask } from './task.rows';

/** Why an attempt was interrupted; a label of taskloom_task_interruptions_total. */
export type InterruptionReason = 'executor_lost' | 'handed_back' | 'redelivered' | 'job_lost';

export interface Interruption {
  taskId: string;
  attempt: number;
  reason: InterruptionReason;
  /** What the attempt record keeps as its error (name, message, reason). */
  error: Record<string, unknown>;
  /** The interrupted attempt's executor and start, when the caller knows them better than the task row. */
  executorId: string | null;
  startedAt: Date | string | null;
  durationMs: number | null;
}

/** How the next attempt of an interrupted task begins: back to the router, or at once on the given executor. */
export type NextAttempt = { on: 'router' } | { on: 'executor'; executorId: string; startedAt: Date | string };

export interface InterruptionResult {
  /** Tasks that go round again: their new attempt, budget and type. */
  again: { id: string; runId: string; type: string | null; attempt: number; maxAttempts: number }[];
  /** Tasks that used up TASK_MAX_INTERRUPTIONS and failed. */
  exhausted: SettledTask[];
  /** Every interruption applied (again or exhausted), for metrics. */
  interrupted: { type: string | null; reason: string; again: boolean }[];
}

/**
 * interrupt — inputs: (task id, attempt) of attempts that did not end on
 * their own, the interruption budget, and where the next attempt begins.
 * Precondition: the task is 'queued' or 'running' at that attempt; anything
 * else (it ended, or another writer moved it on) matches nothing.
 * Effect, in one statement: a task under its budget moves to attempt + 1
 * with max_attempts + 1 (its retry budget untouched), either 'ready' where
 * it was in dispatch order or 'running' on the executor that takes it over;
 * a task at its budget fails with TooManyInterruptions. Either way the
 * interrupted attempt is recorded with status 'interrupted'.
 * Outputs: the tasks sent round again and the tasks that failed.
 */
const INTERRUPT = `WITH i AS (
   SELECT * FROM unnest($1::uuid[], $2::int[], $3::jsonb[], $4::uuid[], $5::timestamptz[], $6::float8[])
            AS i(id, attempt, error, executor_id, started_at, duration_ms)),
 old AS (
   SELECT t.id, t.run_id, t.executor_id, t.started_at, i.attempt, i.error,
          i.executor_id AS reported_executor, i.started_at AS reported_start, i.duration_ms
     FROM tasks t JOIN i ON t.id = i.id AND t.attempt = i.attempt
    WHERE t.status IN ('queued', 'running')),
 again AS (
   UPDATE tasks t SET attempt = t.attempt + 1, max_attempts = t.max_attempts + 1, interruptions = t.interruptions + 1,
                      status = $8::text, error = NULL,
                      started_at = CASE WHEN $8::text = 'running' THEN $10::timestamptz END,
                      executor_id = CASE WHEN $8::text = 'running' THEN $9::uuid END,
                      queued_at = CASE WHEN $8::text = 'running' THEN t.queued_at END,
                      available_at = now(), dispatch_at = coalesce(t.dispatch_at, now())
     FROM i
    WHERE t.id = i.id AND t.attempt = i.attempt AND t.status IN ('queued', 'running') AND t.interruptions < $7
    RETURNING t.id, t.run_id, t.type, t.attempt, t.max_attempts),
 exhausted AS (
   UPDATE tasks t SET status = 'failed', finished_at = now(),
                      error = jsonb_build_object('name', 'TooManyInterruptions', 'retryable', false,
                                'message', 'the task was interrupted ' || (t.interruptions + 1) ||
                                           ' times; TASK_MAX_INTERRUPTIONS allows ' || $7::int,
                                'cause', i.error)
     FROM i
    WHERE t.id = i.id AND t.attempt = i.attempt AND t.status IN ('queued', 'running') AND t.interruptions >= $7
    RETURNING ${SETTLED_COLUMNS}, t.type),
 recorded AS (
   INSERT INTO task_attempts (task_id, run_id, attempt, status, error, executor_id, started_at, duration_ms)
   SELECT o.id, o.run_id, o.attempt, 'interrupted', o.error, coalesce(o.reported_executor, o.executor_id),
          coalesce(o.reported_start, o.started_at), o.duration_ms
     FROM old o
    WHERE o.id IN (SELECT id FROM again UNION ALL SELECT id FROM exhausted)
   ON CONFLICT (task_id, attempt) DO NOTHING)
 SELECT true AS again, a.id, a.run_id, a.type, i.error->>'reason' AS reason, a.attempt, a.max_attempts,
        NULL::text AS key, NULL::text AS kind, NULL::uuid AS parent_task_id, NULL::text AS status,
        NULL::timestamptz AS started_at
   FROM again a JOIN i ON i.id = a.id
 UNION ALL
 SELECT false, x.id, x.run_id, x.type, i.error->>'reason', NULL, NULL, x.key, x.kind, x.parent_task_id, x.status,
        x.started_at
   FROM exhausted x JOIN i ON i.id = x.id`;

/** Interrupted attempts: recorded as such, and run again on their own budget (TASK_MAX_INTERRUPTIONS). */
@Injectable()
export class InterruptionRepository {
  async interrupt(
    db: Db,
    entries: readonly Interruption[],
    maxInterruptions: number,
    next: NextAttempt = { on: 'router' },
  ): Promise<InterruptionResult> {
    if (entries.length === 0) return { again: [], exhausted: [], interrupted: [] };
    const rows = await queryRows<
      SettledRow & {
        again: boolean;
        type: string | null;
        reason: string;
        attempt: number | null;
        max_attempts: number | null;
      }
    >(db, INTERRUPT, [
      entries.map((e) => e.taskId),
      entries.map((e) => e.attempt),
      jsonArray(entries.map((e) => ({ ...e.error, reason: e.reason }))),
      entries.map((e) => e.executorId),
      entries.map((e) => e.startedAt),
      entries.map((e) => e.durationMs),
      maxInterruptions,
      next.on === 'router' ? 'ready' : 'running',
      next.on === 'executor' ? next.executorId : null,
      next.on === 'executor' ? next.startedAt : null,
    ]);
    return {
      again: rows
        .filter((row) => row.again)
        .map((row) => ({
          id: row.id,
          runId: row.run_id,
          type: row.type,
          attempt: row.attempt!,
          maxAttempts: row.max_attempts!,
        })),
      exhausted: rows.filter((row) => !row.again).map(toSettled),
      interrupted: rows.map((row) => ({ type: row.type, reason: row.reason, again: row.again })),
    };
  }
}
