import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A run counts its top-level tasks that ended failed or cancelled, next to
 * the count of those still to finish. With both, the statement that counts
 * a run's last task down can also end the run, in the common case (nothing
 * failed, no output template), instead of a second UPDATE of the same row
 * after reading all of its tasks back.
 */
export class RunFailureCounter1764400000000 implements MigrationInterface {
  name = 'RunFailureCounter1764400000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE runs ADD COLUMN tasks_failed integer NOT NULL DEFAULT 0`);
    await db.query(`
      UPDATE runs r SET tasks_failed = f.n
        FROM (SELECT run_id, count(*)::int AS n FROM tasks
               WHERE parent_task_id IS NULL AND status IN ('failed', 'cancelled')
               GROUP BY run_id) f
       WHERE r.id = f.run_id AND r.status IN ('pending', 'running', 'paused')`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE runs DROP COLUMN IF EXISTS tasks_failed`);
  }
}
