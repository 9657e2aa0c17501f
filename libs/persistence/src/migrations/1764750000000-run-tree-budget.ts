import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What a root run's sub-workflow runs and forEach items have created so
 * far, charged before each is created (RUN_TREE_MAX_RUNS and
 * RUN_TREE_MAX_TASKS). A row exists only for root runs that fanned out or
 * started a sub-workflow, so run creation writes nothing more; it goes
 * with its root run.
 */
export class RunTreeBudget1764750000000 implements MigrationInterface {
  name = 'RunTreeBudget1764750000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(
      `CREATE TABLE run_trees (
         root_run_id uuid PRIMARY KEY REFERENCES runs (id) ON DELETE CASCADE,
         runs integer NOT NULL,
         tasks integer NOT NULL
       )`,
    );
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('DROP TABLE run_trees');
  }
}
