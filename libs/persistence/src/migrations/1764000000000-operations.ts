import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Operations1764000000000 implements MigrationInterface {
  name = 'Operations1764000000000';

  async up(db: QueryRunner): Promise<void> {
    // W3C trace context of the request that created the run: dispatch and attempt spans join its trace.
    await db.query(`ALTER TABLE runs ADD COLUMN traceparent text`);
    // Retention walks finished runs oldest first; active runs never enter this index.
    await db.query(`
      CREATE INDEX ix_runs_finished ON runs (finished_at)
      WHERE status IN ('succeeded', 'failed', 'cancelled')`);
    // Deleting a run cascades to its tasks by run_id, and a run's page lists them; the only index
    // on run_id so far (uq_tasks_run_key) is partial to top-level tasks, so both scanned the table.
    await db.query(`CREATE INDEX ix_tasks_run ON tasks (run_id)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX IF EXISTS ix_tasks_run`);
    await db.query(`DROP INDEX IF EXISTS ix_runs_finished`);
    await db.query(`ALTER TABLE runs DROP COLUMN IF EXISTS traceparent`);
  }
}
