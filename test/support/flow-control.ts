import type { Cluster } from './cluster';

export interface TaskView {
  key: string;
  status: string;
  error?: unknown;
  waitingOn?: { cause: string } & Record<string, unknown>;
}

export interface RunView {
  id: string;
  status: string;
  tasks: TaskView[];
}

export async function startRun(cluster: Cluster, workflow: string, input: unknown): Promise<string> {
  const { status, body } = await cluster.api.post<{ id: string }>(`/api/v1/workflows/${workflow}/runs`, { input });
  if (status !== 201) throw new Error(`starting ${workflow} answered ${status}: ${JSON.stringify(body)}`);
  return body.id;
}

export function taskOf(run: RunView, key: string): TaskView {
  const task = run.tasks.find((candidate) => candidate.key === key);
  if (!task) throw new Error(`run ${run.id} has no task ${key}`);
  return task;
}

/**
 * The most attempts of the given runs that ran at the same instant, per
 * concurrency key, from what PostgreSQL recorded: each attempt spans its
 * start plus its measured duration (or, when the executor died and no
 * duration was measured, until it was recorded). An attempt that ends as
 * another starts does not overlap it.
 */
export async function maxOverlapByKey(cluster: Cluster, runIds: string[]): Promise<Map<string, number>> {
  const rows = await cluster.sql<{ key: string; overlap: number }>(
    `WITH spans AS (
       SELECT t.concurrency_key AS k, a.started_at AS s,
              coalesce(a.started_at + a.duration_ms * interval '1 millisecond', a.finished_at) AS e
         FROM task_attempts a JOIN tasks t ON t.id = a.task_id
        WHERE t.run_id = ANY($1::uuid[]) AND t.concurrency_key IS NOT NULL AND a.started_at IS NOT NULL),
     events AS (SELECT k, s AS at, 1 AS d FROM spans UNION ALL SELECT k, e, -1 FROM spans)
     SELECT k AS key, max(running)::int AS overlap
       FROM (SELECT k, sum(d) OVER (PARTITION BY k ORDER BY at, d ROWS UNBOUNDED PRECEDING) AS running FROM events) x
      GROUP BY k`,
    [runIds],
  );
  return new Map(rows.map((row) => [row.key, row.overlap]));
}

/** The most events in any window of `windowMs` (each window opening at an event: that is where the most fit). */
export function fullestWindow(times: readonly number[], windowMs: number): number {
  let fullest = 0;
  for (let start = 0, end = 0; start < times.length; start += 1) {
    while (end < times.length && times[end]! - times[start]! < windowMs) end += 1;
    fullest = Math.max(fullest, end - start);
  }
  return fullest;
}
