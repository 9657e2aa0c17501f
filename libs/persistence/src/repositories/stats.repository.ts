import { Injectable } from '@nestjs/common';
import { DatabasePool } from '../database-pool';
import { queryRows } from '../sql';
import { COUNT_READY } from './task-dispatch.repository';

/** The statuses ix_runs_active holds; scheduled runs are counted from ix_runs_scheduled, queued ones from ix_runs_queued. */
const ACTIVE_RUN_STATUSES = ['pending', 'running', 'paused'];

/** Counts for operators (the admin API and /metrics); never on a hot path. */
@Injectable()
export class StatsRepository {
  constructor(private readonly database: DatabasePool) {}

  /** Runs by status: one scan of the runs table (bounded by retention), so for the admin API rather than every scrape. */
  async runsByStatus(): Promise<Record<string, number>> {
    return this.countBy(`SELECT status, count(*)::int AS n FROM runs GROUP BY status`);
  }

  /** Tasks by status: one scan of the tasks table, so for the admin API rather than every scrape. */
  async tasksByStatus(): Promise<Record<string, number>> {
    return this.countBy(`SELECT status, count(*)::int AS n FROM tasks GROUP BY status`);
  }

  /**
   * Active runs by status, from the small partial indexes ix_runs_active,
   * ix_runs_scheduled (delayed runs) and ix_runs_queued (runs waiting for a
   * workflow concurrency slot): cheap enough for every scrape.
   */
  async activeRunsByStatus(): Promise<Record<string, number>> {
    return this.countBy(
      `SELECT status, count(*)::int AS n FROM runs WHERE status = ANY($1::text[]) GROUP BY status
       UNION ALL SELECT 'scheduled', count(*)::int FROM runs WHERE status = 'scheduled'
       UNION ALL SELECT 'queued', count(*)::int FROM runs WHERE status = 'queued'`,
      [ACTIVE_RUN_STATUSES],
    );
  }

  /** Tasks waiting to run, each count from its partial index: ready (in PostgreSQL) and queued (in Redis). */
  async waitingTasks(): Promise<{ ready: number; queued: number }> {
    const rows = await queryRows<{ ready: number; queued: number }>(
      this.database.db,
      `SELECT ${COUNT_READY}::int AS ready,
              (SELECT count(*) FROM tasks WHERE status = 'queued')::int AS queued`,
    );
    return rows[0] ?? { ready: 0, queued: 0 };
  }

  /**
   * Pending or running runs that nothing can move: untouched for `idleMs`
   * and without a task that is ready, queued, running or waiting (a retry waiting for
   * its backoff is 'ready', a sub-workflow or forEach task 'running').
   */
  async stalledRuns(idleMs: number): Promise<number> {
    const rows = await queryRows<{ n: number }>(
      this.database.db,
      `SELECT count(*)::int AS n FROM runs r
        WHERE r.status IN ('pending', 'running') AND r.updated_at < now() - $1 * interval '1 millisecond'
          AND NOT EXISTS (SELECT 1 FROM tasks t WHERE t.run_id = r.id AND t.status IN ('ready', 'queued', 'running', 'waiting'))`,
      [idleMs],
    );
    return rows[0]?.n ?? 0;
  }

  private async countBy(text: string, params: unknown[] = []): Promise<Record<string, number>> {
    const rows = await queryRows<{ status: string; n: number }>(this.database.db, text, params);
    return Object.fromEntries(rows.map((row) => [row.status, row.n]));
  }
}
