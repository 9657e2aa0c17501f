import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { execute, queryRows } from '../sql';

/** The tables that churn like queues: every run and task is rewritten several times within seconds. */
const QUEUE_TABLES = ['tasks', 'runs', 'task_attempts'] as const;
type QueueTable = (typeof QUEUE_TABLES)[number];

/** Changes since the last ANALYZE past which a queue table's statistics are stale: this many, plus a share of its size. */
const STALE_AFTER_CHANGES = 500;
const STALE_AFTER_SHARE = 0.1;

/**
 * Planner statistics of the queue tables. Autovacuum looks at a database
 * once per autovacuum_naptime (a minute by default); a queue table can go
 * from empty to tens of thousands of rows well within that, and until it
 * is analyzed the planner still plans for the empty table — sequential
 * scans and hash joins where one index lookup per row was right.
 */
@Injectable()
export class TableStatisticsRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** The queue tables changed by more than STALE_AFTER_CHANGES + STALE_AFTER_SHARE of their size since their last ANALYZE. */
  async stale(): Promise<QueueTable[]> {
    const rows = await queryRows<{ relname: QueueTable }>(
      this.dataSource.manager,
      `SELECT s.relname FROM pg_stat_user_tables s JOIN pg_class c ON c.oid = s.relid
        WHERE s.schemaname = current_schema() AND s.relname = ANY($1::text[])
          AND s.n_mod_since_analyze > $2 + $3 * greatest(c.reltuples, 0)`,
      [QUEUE_TABLES, STALE_AFTER_CHANGES, STALE_AFTER_SHARE],
    );
    return rows.map((row) => row.relname);
  }

  /** ANALYZE one queue table; skipped when autovacuum or another router is at it already. */
  async analyze(table: QueueTable): Promise<void> {
    if (!QUEUE_TABLES.includes(table)) throw new RangeError(`${table} is not a queue table`);
    await execute(this.dataSource.manager, `ANALYZE (SKIP_LOCKED) ${table}`);
  }
}
