import { Injectable } from '@nestjs/common';
import { DatabasePool } from '../database-pool';
import { execute, queryRows } from '../sql';

/**
 * The tables that churn like queues (every run and task is rewritten several
 * times within seconds), each with the columns its hot statements filter,
 * join and order on. Analyzing just those costs a third to a fifth of a full
 * ANALYZE; the other columns keep autovacuum's statistics, which it still
 * refreshes on its own schedule because a partial ANALYZE leaves its change
 * counter alone. Keys need none: their unique indexes tell the planner.
 */
const PLANNED_COLUMNS = {
  tasks: ['status', 'run_id', 'key', 'parent_task_id', 'available_at', 'dispatch_at', 'queue'],
  runs: ['status', 'tenant', 'workflow_name', 'parent_task_id'],
  task_attempts: ['task_id', 'run_id'],
} as const;
export type QueueTable = keyof typeof PLANNED_COLUMNS;
const QUEUE_TABLES = Object.keys(PLANNED_COLUMNS) as QueueTable[];

/** Rows of slack before a size change counts, so a small table is not analyzed for every few rows. */
const STALE_SLACK_ROWS = 500;
/**
 * Dead tuples allowed on top of the caller's floor, as a share of the
 * table's rows: the same share as the per-table
 * autovacuum_vacuum_scale_factor (migration 1764100000000), so a table
 * holding a long history is not vacuumed for every few thousand rewrites.
 */
const DEAD_SHARE = 0.02;
/** A table is vacuumed at most this often, so dead tuples an old snapshot still holds cannot start a VACUUM every round. */
const MIN_VACUUM_INTERVAL_MS = 5_000;

/**
 * Planner statistics of the queue tables. Autovacuum looks at a database
 * once per autovacuum_naptime (a minute by default); a queue table can go
 * from empty to tens of thousands of rows well within that, and until it
 * is analyzed the planner still plans for the empty table — sequential
 * scans and hash joins where one index lookup per row was right. What goes
 * wrong is the size, and only by a large factor, so a table is stale when
 * its live row count (kept by the statistics system) has doubled or halved
 * since the planner last saw it: a table growing from empty is analyzed a
 * handful of times, a busy table of steady size not at all, which leaves
 * its routine ANALYZE to autovacuum. Analyzing whenever a tenth of a table
 * had changed cost about 7 % of end-to-end throughput in the bench.
 */
@Injectable()
export class TableStatisticsRepository {
  constructor(private readonly database: DatabasePool) {}

  /**
   * What the queue tables need, read in one statement for the router's
   * upkeep round: `stale`, those whose live row count has doubled or halved
   * (give or take STALE_SLACK_ROWS) since their last ANALYZE; `deadHeavy`,
   * those holding more than `minDead` + DEAD_SHARE × rows dead tuples
   * (n_dead_tup, which VACUUM and page pruning lower) that nobody —
   * autovacuum, another router — has vacuumed in the last
   * MIN_VACUUM_INTERVAL_MS (none when `minDead` is null).
   */
  async upkeepDue(minDead: number | null): Promise<{ stale: QueueTable[]; deadHeavy: QueueTable[] }> {
    const rows = await queryRows<{ relname: QueueTable; stale: boolean; dead_heavy: boolean }>(
      this.database.db,
      `SELECT s.relname,
              (s.n_live_tup > 2 * greatest(c.reltuples, 0) + $2 OR s.n_live_tup < c.reltuples / 2 - $2) AS stale,
              ($3::bigint IS NOT NULL AND s.n_dead_tup > $3::bigint + $4 * greatest(c.reltuples, 0)
               AND coalesce(greatest(s.last_vacuum, s.last_autovacuum), '-infinity') < now() - $5 * interval '1 millisecond')
                AS dead_heavy
         FROM pg_stat_user_tables s JOIN pg_class c ON c.oid = s.relid
        WHERE s.schemaname = current_schema() AND s.relname = ANY($1::text[])
        ORDER BY s.relname`,
      [QUEUE_TABLES, STALE_SLACK_ROWS, minDead, DEAD_SHARE, MIN_VACUUM_INTERVAL_MS],
    );
    return {
      stale: rows.filter((row) => row.stale).map((row) => row.relname),
      deadHeavy: rows.filter((row) => row.dead_heavy).map((row) => row.relname),
    };
  }

  /**
   * VACUUM one queue table: its dead tuples' space becomes reusable and its
   * visibility map current. Skipped when autovacuum or another router holds
   * it. Index passes are left to PostgreSQL's own rule (INDEX_CLEANUP AUTO):
   * with few dead tuples on a large table it prunes the heap only. When it
   * does pass over the indexes, it reads each of them whole, which beside a
   * long history is hundreds of megabytes: `costDelayMs` is the
   * `vacuum_cost_delay` it sleeps for every `vacuum_cost_limit` of work, as
   * autovacuum does, so that pass yields the CPU to the hot path instead of
   * taking a core at once (0: unthrottled). Session-level, since VACUUM
   * cannot run in a transaction; the connection goes back to the pool reset.
   * Aborting `signal` (a router stopping) cancels it: a VACUUM keeps what it
   * had done, and the next one takes up the rest.
   */
  async vacuum(table: QueueTable, costDelayMs: number, signal?: AbortSignal): Promise<void> {
    if (!Object.hasOwn(PLANNED_COLUMNS, table)) throw new RangeError(`${table} is not a queue table`);
    if (signal?.aborted) return;
    const connection = await this.database.connect();
    let failure: Error | undefined;
    let cancel: (() => void) | undefined;
    try {
      const [{ pid }] = await queryRows<{ pid: number }>(
        connection,
        `SELECT pg_backend_pid() AS pid, set_config('vacuum_cost_delay', $1, false)`,
        [String(costDelayMs)],
      );
      cancel = () => void this.database.cancelStatement(pid).catch(() => undefined);
      signal?.addEventListener('abort', cancel, { once: true });
      // An abort that came while the setting was on its way finds no VACUUM to cancel.
      if (!signal?.aborted) await execute(connection, `VACUUM (SKIP_LOCKED) ${table}`);
      await execute(connection, `RESET vacuum_cost_delay`);
    } catch (error) {
      failure = error instanceof Error ? error : new Error(String(error));
      if (!signal?.aborted) throw error;
    } finally {
      if (cancel) signal?.removeEventListener('abort', cancel);
      // A connection whose session may still carry the setting is closed, not reused.
      connection.release(failure);
    }
  }

  /** ANALYZE the planned columns of one queue table; skipped when autovacuum or another router is at it already. */
  async analyze(table: QueueTable): Promise<void> {
    if (!Object.hasOwn(PLANNED_COLUMNS, table)) throw new RangeError(`${table} is not a queue table`);
    await execute(this.database.db, `ANALYZE (SKIP_LOCKED) ${table} (${PLANNED_COLUMNS[table].join(', ')})`);
  }
}
