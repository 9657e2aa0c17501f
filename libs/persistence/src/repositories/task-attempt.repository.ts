import { Injectable } from '@nestjs/common';
import { DatabasePool } from '../database-pool';
import { jsonArray, queryRows, type Db } from '../sql';
import { SETTLED_COLUMNS, toSettled, type SettledRow } from './settled-task.row';
import type { AttemptOutcomeRow, SettledTask } from './task.rows';

/** One attempt of a task as its history shows it. */
export interface TaskAttemptRow {
  taskId: string;
  attempt: number;
  runId: string;
  status: string;
  error: unknown;
  executorId: string | null;
  startedAt: Date | null;
  finishedAt: Date;
  durationMs: number | null;
  logs: unknown;
}

/** An attempt ends from 'queued' too: executors record 'running' only for attempts that outlive a short delay. */
const UNFINISHED = `('queued', 'running')`;

/**
 * The lifecycle of attempts: the start an executor records, the outcome it
 * reports, and the attempt history (task_attempts) that outcome leaves.
 * Every write is fenced by (task id, attempt) and the state it expects, so a
 * late, repeated or superseded writer changes nothing (DESIGN invariant 2).
 */
@Injectable()
export class TaskAttemptRepository {
  constructor(private readonly database: DatabasePool) {}

  /**
   * markStarted — inputs: (task id, attempt, start time) triples, executor id.
   * Precondition: the task is 'queued' at that attempt; a redelivered job of
   * an attempt that was already started or superseded matches nothing.
   * Outputs: the started tasks' ids and their runs.
   */
  async markStarted(
    db: Db,
    entries: readonly { taskId: string; attempt: number; startedAt: Date | string }[],
    executorId: string,
  ): Promise<{ id: string; runId: string }[]> {
    const rows = await queryRows<{ id: string; run_id: string }>(
      db,
      `UPDATE tasks t SET status = 'running', started_at = s.started_at, executor_id = $4
         FROM unnest($1::uuid[], $2::int[], $3::timestamptz[]) AS s(id, attempt, started_at)
        WHERE t.id = s.id AND t.attempt = s.attempt AND t.status = 'queued'
        RETURNING t.id, t.run_id`,
      [entries.map((e) => e.taskId), entries.map((e) => e.attempt), entries.map((e) => e.startedAt), executorId],
    );
    return rows.map((row) => ({ id: row.id, runId: row.run_id }));
  }

  /**
   * recordOutcomes — inputs: outcomes of attempts; one with `retryDelayMs`
   * sends its task round again, the others are final.
   * Precondition: the task is 'queued' or 'running' at that attempt.
   * Effect, in one statement: a final outcome settles its task (keeping the
   * start time and executor the attempt reports, which an attempt never
   * recorded as running has not written yet); a retry makes the task
   * 'ready' at attempt + 1 once the delay has passed; every applied outcome
   * leaves its attempt record, the first one written for that attempt.
   * Outputs: the tasks settled, and the ids of the tasks sent round again.
   */
  async recordOutcomes(
    db: Db,
    outcomes: readonly AttemptOutcomeRow[],
  ): Promise<{ settled: SettledTask[]; retried: string[] }> {
    if (outcomes.length === 0) return { settled: [], retried: [] };
    const rows = await queryRows<SettledRow & { retried: boolean }>(
      db,
      `WITH o AS (
         SELECT * FROM unnest($1::uuid[], $2::int[], $3::text[], $4::jsonb[], $5::jsonb[], $6::uuid[], $7::timestamptz[],
                              $8::float8[], $9::jsonb[], $10::text[], $11::bigint[], $12::bigint[])
                    AS o(id, attempt, status, output, error, executor_id, started_at, duration_ms, logs, record_status,
                         retry_delay_ms, bonus_ms)),
       settled AS (
         UPDATE tasks t SET status = o.status, output = o.output, error = o.error, finished_at = now(),
                            started_at = coalesce(t.started_at, o.started_at), executor_id = coalesce(o.executor_id, t.executor_id)
           FROM o
          WHERE o.retry_delay_ms IS NULL AND t.id = o.id AND t.attempt = o.attempt AND t.status IN ${UNFINISHED}
          RETURNING ${SETTLED_COLUMNS}),
       retried AS (
         UPDATE tasks t SET status = 'ready', attempt = t.attempt + 1, error = o.error, started_at = NULL,
                            executor_id = NULL, queued_at = NULL,
                            available_at = now() + o.retry_delay_ms * interval '1 millisecond',
                            dispatch_at = now() + (o.retry_delay_ms - o.bonus_ms) * interval '1 millisecond'
           FROM o
          WHERE o.retry_delay_ms IS NOT NULL AND t.id = o.id AND t.attempt = o.attempt AND t.status IN ${UNFINISHED}
          RETURNING t.id, t.run_id),
       recorded AS (
         INSERT INTO task_attempts (task_id, run_id, attempt, status, error, executor_id, started_at, duration_ms, logs)
         SELECT o.id, applied.run_id, o.attempt, o.record_status, o.error, o.executor_id, o.started_at, o.duration_ms, o.logs
           FROM o JOIN (SELECT id, run_id FROM settled UNION ALL SELECT id, run_id FROM retried) applied ON applied.id = o.id
         ON CONFLICT (task_id, attempt) DO NOTHING)
       SELECT *, false AS retried FROM settled
       UNION ALL
       SELECT id, run_id, NULL, NULL, NULL, NULL, NULL, true FROM retried`,
      [
        outcomes.map((o) => o.taskId),
        outcomes.map((o) => o.attempt),
        outcomes.map((o) => o.status),
        jsonArray(outcomes.map((o) => o.output)),
        jsonArray(outcomes.map((o) => o.error)),
        outcomes.map((o) => o.executorId),
        outcomes.map((o) => o.startedAt),
        outcomes.map((o) => o.durationMs),
        jsonArray(outcomes.map((o) => o.logs)),
        outcomes.map((o) => o.recordStatus),
        outcomes.map((o) => (o.retry ? Math.round(o.retry.delayMs) : null)),
        outcomes.map((o) => o.retry?.dispatchBonusMs ?? null),
      ],
    );
    return {
      settled: rows.filter((row) => !row.retried).map(toSettled),
      retried: rows.filter((row) => row.retried).map((row) => row.id),
    };
  }

  /** Every attempt of a run's task (or of one forEach item), with its log lines, oldest first. */
  logsOf(runId: string, key: string, itemIndex?: number): Promise<TaskAttemptRow[]> {
    const which = itemIndex === undefined ? 't.parent_task_id IS NULL' : 't.item_index = $3';
    return queryRows<TaskAttemptRow>(
      this.database.db,
      `SELECT a.task_id AS "taskId", a.attempt, a.run_id AS "runId", a.status, a.error, a.executor_id AS "executorId",
              a.started_at AS "startedAt", a.finished_at AS "finishedAt", a.duration_ms AS "durationMs", a.logs
         FROM task_attempts a JOIN tasks t ON t.id = a.task_id
        WHERE t.run_id = $1 AND t.key = $2 AND ${which}
        ORDER BY a.attempt`,
      itemIndex === undefined ? [runId, key] : [runId, key, itemIndex],
    );
  }
}
