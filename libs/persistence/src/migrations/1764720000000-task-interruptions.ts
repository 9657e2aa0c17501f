import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An interrupted attempt (its executor lost, killed, or shut down past the
 * grace period) runs again without using up the task's retry budget, up to
 * TASK_MAX_INTERRUPTIONS times: tasks count their interruptions. A
 * sub-workflow run keeps the attempt of the parent task that launched it,
 * so only the child of the parent's current attempt can end that task.
 */
export class TaskInterruptions1764720000000 implements MigrationInterface {
  name = 'TaskInterruptions1764720000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE tasks ADD COLUMN interruptions integer NOT NULL DEFAULT 0`);
    await db.query(`ALTER TABLE runs ADD COLUMN parent_attempt integer`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE runs DROP COLUMN parent_attempt`);
    await db.query(`ALTER TABLE tasks DROP COLUMN interruptions`);
  }
}
