import { readFileSync } from 'node:fs';
import { Client } from 'pg';
import { sleep } from './timing';

/** A history run is a 5-task chain, so 5,000,000 finished tasks are 1,000,000 runs. */
export const HISTORY_TASKS_PER_RUN = 5;
/** History spans this many days, ending an hour ago (history-phase.ts): inside the default RETENTION_DAYS (30) so the cluster's own router keeps it. */
export const HISTORY_DAYS = 20;
/** Runs per INSERT statement: big enough to amortise the round trip, small enough to show progress. */
const CHUNK_RUNS = 20_000;
/** Statements in flight: one per core on the 2-core development machine. */
const FILL_CONNECTIONS = 2;
/** One run in this many failed (its last task exhausted 3 attempts); one task in RETRIED_ONE_IN needed a second attempt. */
const FAILED_ONE_IN = 20;
const RETRIED_ONE_IN = 50;

/** The tables a history makes large: a run's tasks and their attempts go with it. */
export const HISTORY_TABLES = ['runs', 'tasks', 'task_attempts'] as const;
export type HistoryTable = (typeof HISTORY_TABLES)[number];

export interface FillResult {
  runs: number;
  tasks: number;
  attempts: number;
  seconds: number;
}

export interface TableSize {
  /** pg_relation_size: the heap alone. */
  heapBytes: number;
  /** pg_total_relation_size: heap, TOAST and every index. */
  totalBytes: number;
  /** pg_relation_size of each index. */
  indexBytes: Record<string, number>;
  liveTuples: number;
  deadTuples: number;
}

export type Sizes = Record<HistoryTable, TableSize>;

/**
 * Fills the bench database with finished runs of `workflow` (a registered
 * definition), their tasks and attempts, as a long-lived install holds
 * them: succeeded mostly, one run in FAILED_ONE_IN failed, a few tasks
 * retried, spread evenly in time from `startAt` to `endAt` so a retention
 * cutoff inside the window deletes a share proportional to its age. Plain
 * `INSERT … SELECT generate_series` with every index in place — the rows
 * the hot path has to live beside, written as fast as PostgreSQL takes them.
 */
export async function fillHistory(
  databaseUrl: string,
  workflow: string,
  tasks: number,
  startAt: Date,
  endAt: Date,
  onProgress: (tasksDone: number) => void,
): Promise<FillResult> {
  const runs = Math.ceil(tasks / HISTORY_TASKS_PER_RUN);
  const started = performance.now();
  const stepSeconds = (endAt.getTime() - startAt.getTime()) / 1000 / Math.max(runs, 1);
  let next = 0;
  let runsDone = 0;
  let attempts = 0;
  const worker = async () => {
    const client = new Client({ connectionString: databaseUrl });
    await client.connect();
    try {
      const { rows } = await client.query<{ id: string }>(
        `SELECT id FROM workflow_definitions WHERE name = $1 ORDER BY version DESC LIMIT 1`,
        [workflow],
      );
      if (!rows[0]) throw new Error(`history: workflow ${workflow} is not registered`);
      // Bulk-load only: each chunk commits on its own, and a lost chunk on a crash costs nothing here.
      await client.query('SET synchronous_commit = off');
      while (next < runs) {
        const first = next;
        const count = Math.min(CHUNK_RUNS, runs - first);
        next += count;
        const { rows: done } = await client.query<{ attempts: number }>(FILL_SQL, [
          rows[0].id,
          workflow,
          first,
          count,
          startAt.toISOString(),
          stepSeconds,
        ]);
        attempts += done[0].attempts;
        runsDone += count;
        onProgress(runsDone * HISTORY_TASKS_PER_RUN);
      }
    } finally {
      await client.end();
    }
  };
  await Promise.all(Array.from({ length: FILL_CONNECTIONS }, worker));
  return { runs, tasks: runs * HISTORY_TASKS_PER_RUN, attempts, seconds: (performance.now() - started) / 1000 };
}

/**
 * A version 7 UUID for a row created at the timestamptz `at`, as
 * newRowId() gives the apps' rows: the millisecond timestamp, then random
 * bits with the version and variant set (PostgreSQL 15 has no uuidv7()).
 */
export function uuidV7(at: string): string {
  return `(lpad(to_hex(floor(extract(epoch FROM ${at}) * 1000)::bigint), 12, '0') || '7' ||
           substr(md5(random()::text), 1, 3) || '8' || substr(md5(random()::text), 1, 15))::uuid`;
}

/**
 * One chunk: runs $3 … $3 + $4 − 1 of the history, created $6 s apart from
 * $5; each a chain t0 → t4 of core.noop tasks 250 ms apart, the run's last
 * task failed after 3 attempts in one run of FAILED_ONE_IN. Returns the
 * attempts written.
 */
const FILL_SQL = `
  WITH r AS (
    INSERT INTO runs (id, definition_id, workflow_name, workflow_version, status, priority, input, output, error,
                      tenant, tags, tasks_remaining, tasks_failed, created_at, started_at, finished_at, updated_at)
    SELECT ${uuidV7('at')}, $1::uuid, $2::text, 1, CASE WHEN i % ${FAILED_ONE_IN} = 0 THEN 'failed' ELSE 'succeeded' END, 2,
           jsonb_build_object('i', i),
           CASE WHEN i % ${FAILED_ONE_IN} = 0 THEN NULL ELSE jsonb_build_object('t4', jsonb_build_object('i', i)) END,
           CASE WHEN i % ${FAILED_ONE_IN} = 0 THEN '{"task":"t4","message":"failed after 3 attempts"}'::jsonb END,
           'default', '{}', 0, (i % ${FAILED_ONE_IN} = 0)::int,
           at, at + interval '2 ms', at + interval '1300 ms', at + interval '1300 ms'
      FROM generate_series($3::int, $3::int + $4::int - 1) i,
           LATERAL (SELECT $5::timestamptz + i * $6::float8 * interval '1 second' AS at) t
    RETURNING id, status, created_at),
  t AS (
    INSERT INTO tasks (id, run_id, tenant, key, kind, type, status, priority, attempt, max_attempts, timeout_ms,
                       input, output, error, deps_total, deps_succeeded, available_at, dispatch_at, queued_at,
                       started_at, finished_at, executor_id, created_at)
    SELECT ${uuidV7('s.at')}, r.id, 'default', 't' || k, 'task', 'core.noop', CASE WHEN f.failed THEN 'failed' ELSE 'succeeded' END,
           2, f.attempts, 3, 30000, jsonb_build_object('i', k),
           CASE WHEN f.failed THEN NULL ELSE jsonb_build_object('i', k) END,
           CASE WHEN f.failed THEN '{"message":"failed"}'::jsonb END,
           (k > 0)::int, (k > 0)::int, s.at, s.at, s.at + interval '1 ms', s.at + interval '2 ms',
           s.at + interval '3 ms' + (f.attempts - 1) * interval '100 ms',
           '00000000-0000-4000-8000-000000000001'::uuid, r.created_at
      FROM r CROSS JOIN generate_series(0, ${HISTORY_TASKS_PER_RUN - 1}) k,
           LATERAL (SELECT r.created_at + k * interval '250 ms' AS at) s,
           LATERAL (SELECT r.status = 'failed' AND k = ${HISTORY_TASKS_PER_RUN - 1} AS failed) g,
           LATERAL (SELECT g.failed,
                           CASE WHEN g.failed THEN 3 WHEN random() < 1.0 / ${RETRIED_ONE_IN} THEN 2 ELSE 1 END AS attempts) f
    RETURNING id, run_id, status, attempt, started_at),
  a AS (
    INSERT INTO task_attempts (task_id, run_id, attempt, status, error, executor_id, started_at, finished_at, duration_ms)
    SELECT t.id, t.run_id, n, CASE WHEN n < t.attempt OR t.status = 'failed' THEN 'failed' ELSE 'succeeded' END,
           CASE WHEN n < t.attempt OR t.status = 'failed' THEN '{"message":"failed"}'::jsonb END,
           '00000000-0000-4000-8000-000000000001'::uuid,
           t.started_at + (n - 1) * interval '100 ms', t.started_at + (n - 1) * interval '100 ms' + interval '1 ms', 0.4
      FROM t CROSS JOIN LATERAL generate_series(1, t.attempt) n
    RETURNING 1)
  SELECT count(*)::int AS attempts FROM a`;

/** Heap, total and per-index sizes and tuple counts of the history tables. */
export async function tableSizes(db: Client): Promise<Sizes> {
  const { rows } = await db.query<{
    relname: HistoryTable;
    heap: string;
    total: string;
    indexes: Record<string, number> | null;
    live: string;
    dead: string;
  }>(
    `SELECT c.relname, pg_relation_size(c.oid) AS heap, pg_total_relation_size(c.oid) AS total,
            (SELECT json_object_agg(i.relname, pg_relation_size(i.oid))
               FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid WHERE x.indrelid = c.oid) AS indexes,
            s.n_live_tup AS live, s.n_dead_tup AS dead
       FROM pg_class c JOIN pg_stat_user_tables s ON s.relid = c.oid
      WHERE c.relname = ANY($1::text[]) AND c.relnamespace = current_schema()::regnamespace`,
    [HISTORY_TABLES],
  );
  const sizes = {} as Sizes;
  for (const row of rows) {
    sizes[row.relname] = {
      heapBytes: Number(row.heap),
      totalBytes: Number(row.total),
      indexBytes: Object.fromEntries(Object.entries(row.indexes ?? {}).map(([name, bytes]) => [name, Number(bytes)])),
      liveTuples: Number(row.live),
      deadTuples: Number(row.dead),
    };
  }
  return sizes;
}

/**
 * VACUUM (ANALYZE) of the history tables. After a bulk fill it stands in
 * for the visits a history written over days would have had: visibility
 * map set, hint bits written, statistics current.
 */
export async function vacuumAnalyze(db: Client): Promise<number> {
  const started = performance.now();
  await db.query(`VACUUM (ANALYZE) ${HISTORY_TABLES.join(', ')}`);
  return (performance.now() - started) / 1000;
}

/** The kernel's dirty page cache below which the history counts as written out. */
const SETTLED_DIRTY_MB = 64;
const SETTLE_TIMEOUT_MS = 180_000;

/**
 * After a bulk fill: CHECKPOINT, then wait (up to SETTLE_TIMEOUT_MS) until
 * the kernel has written the dirty page cache back, so the phases that
 * follow do not share the machine with the fill's write-back — a history
 * written over days has none pending. Returns the seconds it took and the
 * dirty MiB left.
 */
export async function settleWrites(db: Client): Promise<{ seconds: number; dirtyMb: number }> {
  const started = performance.now();
  await db.query('CHECKPOINT');
  let dirty = dirtyMb();
  while (dirty > SETTLED_DIRTY_MB && performance.now() - started < SETTLE_TIMEOUT_MS) {
    await sleep(1_000);
    dirty = dirtyMb();
  }
  return { seconds: (performance.now() - started) / 1000, dirtyMb: Math.round(dirty) };
}

function dirtyMb(): number {
  const line = /^Dirty:\s+(\d+) kB/m.exec(readFileSync('/proc/meminfo', 'utf8'));
  return line ? Number(line[1]) / 1024 : 0;
}

/** Manual plus automatic vacuums each history table has had so far. */
export async function vacuumCounts(db: Client): Promise<Record<HistoryTable, number>> {
  const { rows } = await db.query<{ relname: HistoryTable; n: string }>(
    `SELECT relname, vacuum_count + autovacuum_count AS n FROM pg_stat_user_tables WHERE relname = ANY($1::text[])`,
    [HISTORY_TABLES],
  );
  return Object.fromEntries(rows.map((row) => [row.relname, Number(row.n)])) as Record<HistoryTable, number>;
}

/** The latest end of any run: new history written after it lands at the right edge of the time-ordered indexes, as new work does. */
export async function lastFinishedAt(db: Client): Promise<Date> {
  const { rows } = await db.query<{ at: Date | null }>(
    `SELECT max(finished_at) AS at FROM runs WHERE status IN ('succeeded', 'failed', 'cancelled')`,
  );
  return rows[0].at ?? new Date();
}

/** Finished runs of `workflow`: the history's size after a sweep. */
export async function historyRuns(db: Client, workflow: string): Promise<number> {
  const { rows } = await db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM runs WHERE tenant = 'default' AND workflow_name = $1`,
    [workflow],
  );
  return rows[0].n;
}
