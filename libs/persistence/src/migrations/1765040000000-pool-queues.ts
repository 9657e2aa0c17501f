import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Queues are per (partition, executor pool), no longer per (partition,
 * task type) (ADR 0024). Tasks still waiting or running keep their
 * partition and move to the `default` pool's queue: the router dispatches
 * the ready ones there, and the reconciler finds no job for the queued ones
 * in their new queue and runs them again as a new attempt. Tasks of a type
 * QUEUE_POOLS puts in another pool reach it when next activated or retried;
 * until then an executor of `default` that does not host them hands their
 * jobs back. Finished tasks keep the name they ran under.
 */
export class PoolQueues1765040000000 implements MigrationInterface {
  name = 'PoolQueues1765040000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(
      `UPDATE tasks SET queue = substring(queue from '^tasks-\\{[0-9]{4}\\}') || '-default'
        WHERE status IN ('ready', 'queued', 'running') AND queue ~ '^tasks-\\{[0-9]{4}\\}-' AND queue !~ '^tasks-\\{[0-9]{4}\\}-default$'`,
    );
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(
      `UPDATE tasks SET queue = substring(queue from '^tasks-\\{[0-9]{4}\\}') || '-' || type
        WHERE status IN ('ready', 'queued', 'running') AND queue ~ '^tasks-\\{[0-9]{4}\\}-default$' AND type IS NOT NULL`,
    );
  }
}
