import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Every state change of a task rewrites an entry in each of its indexes.
 * Three of them — a run's top-level keys, a run's rows, a group's items —
 * become one: (run_id, key, item index), unique, with -1 standing for "not
 * an item". It still finds a run's rows (the cascade from runs, a run's
 * page), a top-level task by key and a group's items (same run and key as
 * the group), so each task write touches one index fewer.
 *
 * Items go with their run (tasks.run_id cascades), and a retried group
 * deletes its own; the foreign key from an item to its group, which would
 * need its own index on parent_task_id to cascade, goes.
 */
export class TaskKeyIndex1764500000000 implements MigrationInterface {
  name = 'TaskKeyIndex1764500000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`CREATE UNIQUE INDEX uq_tasks_run_key_item ON tasks (run_id, key, (coalesce(item_index, -1)))`);
    await db.query(`ALTER TABLE tasks DROP CONSTRAINT IF EXISTS tasks_parent_task_id_fkey`);
    await db.query(`DROP INDEX uq_tasks_run_key`);
    await db.query(`DROP INDEX uq_tasks_parent_item`);
    await db.query(`DROP INDEX ix_tasks_run`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`CREATE INDEX ix_tasks_run ON tasks (run_id)`);
    await db.query(
      `CREATE UNIQUE INDEX uq_tasks_parent_item ON tasks (parent_task_id, item_index) WHERE parent_task_id IS NOT NULL`,
    );
    await db.query(`CREATE UNIQUE INDEX uq_tasks_run_key ON tasks (run_id, key) WHERE parent_task_id IS NULL`);
    await db.query(
      `ALTER TABLE tasks ADD CONSTRAINT tasks_parent_task_id_fkey FOREIGN KEY (parent_task_id) REFERENCES tasks (id) ON DELETE CASCADE`,
    );
    await db.query(`DROP INDEX uq_tasks_run_key_item`);
  }
}
