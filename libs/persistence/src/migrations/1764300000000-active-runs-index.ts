import type { MigrationInterface, QueryRunner } from 'typeorm';

export class ActiveRunsIndex1764300000000 implements MigrationInterface {
  name = 'ActiveRunsIndex1764300000000';

  async up(db: QueryRunner): Promise<void> {
    // Every metrics scrape counts active runs and looks for stalled ones; with the run indexes led by
    // tenant, that would scan the whole runs table. Only active runs are in this index, so it stays small.
    await db.query(`
      CREATE INDEX ix_runs_active ON runs (status, updated_at)
      WHERE status IN ('pending', 'running', 'paused')`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX IF EXISTS ix_runs_active`);
  }
}
