import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
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

/** How far the live row count may drift from the planner's before a queue table is stale: this many rows, plus a share of its size. */
const STALE_AFTER_ROWS = 500;
const STALE_AFTER_SHARE = 0.1;

/**
 * Planner statistics of the queue tables. Autovacuum looks at a database
 * once per autovacuum_naptime (a minute by default); a queue table can go
 * from empty to tens of thousands of rows well within that, and until it
 * is analyzed the planner still plans for the empty table — sequential
 * scans and hash joins where one index lookup per row was right. What goes
 * wrong is the size, so staleness is measured by it: the live row count the
 * statistics system keeps against the row count the planner last saw.
 */
@Injectable()
export class TableStatisticsRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** The queue tables whose live row count moved more than STALE_AFTER_ROWS + STALE_AFTER_SHARE of their size since their last ANALYZE. */
  async stale(): Promise<QueueTable[]> {
    const rows = await queryRows<{ relname: QueueTable }>(
      this.dataSource.manager,
      `SELECT s.relname FROM pg_stat_user_tables s JOIN pg_class c ON c.oid = s.relid
        WHERE s.schemaname = current_schema() AND s.relname = ANY($1::text[])
          AND abs(s.n_live_tup - greatest(c.reltuples, 0)) > $2 + $3 * greatest(c.reltuples, 0)`,
      [QUEUE_TABLES, STALE_AFTER_ROWS, STALE_AFTER_SHARE],
    );
    return rows.map((row) => row.relname);
  }

  /** ANALYZE the planned columns of one queue table; skipped when autovacuum or another router is at it already. */
  async analyze(table: QueueTable): Promise<void> {
    if (!Object.hasOwn(PLANNED_COLUMNS, table)) throw new RangeError(`${table} is not a queue table`);
    await execute(this.dataSource.manager, `ANALYZE (SKIP_LOCKED) ${table} (${PLANNED_COLUMNS[table].join(', ')})`);
  }
}
