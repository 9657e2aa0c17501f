import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * run_trees: what a root run's sub-workflow runs and forEach items have
 * created so far, charged before each is created (RUN_TREE_MAX_RUNS and
 * RUN_TREE_MAX_TASKS). A row exists only for root runs that fanned out or
 * started a sub-workflow, so run creation writes nothing more; it goes
 * with its root run.
 *
 * pending_sub_runs: sub-workflow tasks whose child run is still to be
 * created. The transaction that starts such a task records it here; the
 * child run is created by a unit of work of its own (routers claim these
 * rows), so one transaction never creates a whole tree of runs.
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
    await db.query(
      `CREATE TABLE pending_sub_runs (
         task_id uuid PRIMARY KEY REFERENCES tasks (id) ON DELETE CASCADE,
         attempt integer NOT NULL,
         created_at timestamptz NOT NULL DEFAULT now()
       )`,
    );
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('DROP TABLE pending_sub_runs');
    await db.query('DROP TABLE run_trees');
  }
}
