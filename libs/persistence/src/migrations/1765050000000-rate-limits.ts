import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Rate limits (ADR 0026). A rate-limited task carries its bucket
 * (`rate_key`: tenant-qualified, or a task type's shared bucket) with its
 * limit and period. A permit is a row in rate_permits, written when the
 * claim queues a task and counted until it expires (its grant plus the
 * period: a sliding window); expired rows are deleted by later claims
 * (ix_rate_permits_expired finds them).
 *
 * - ix_tasks_dispatch and ix_tasks_keyed_ready narrow to tasks without a
 *   rate key: the plain and keyed claims walk them as before and never step
 *   over tasks waiting for a permit.
 * - ix_tasks_rate_ready lists ready rate-limited tasks by bucket, then
 *   dispatch order (the rate claim skips from bucket to bucket).
 * - task_types.rate_limit is a type's default, published by its executors.
 */
export class RateLimits1765050000000 implements MigrationInterface {
  name = 'RateLimits1765050000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(
      `ALTER TABLE tasks ADD COLUMN rate_key text, ADD COLUMN rate_limit integer, ADD COLUMN rate_period_ms integer`,
    );
    await db.query(`ALTER TABLE task_types ADD COLUMN rate_limit jsonb`);
    await db.query(
      `CREATE TABLE rate_permits (
         id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
         key text NOT NULL,
         expires_at timestamptz NOT NULL
       )`,
    );
    await db.query(`CREATE INDEX ix_rate_permits_key ON rate_permits (key, expires_at)`);
    await db.query(`CREATE INDEX ix_rate_permits_expired ON rate_permits (expires_at)`);
    await db.query(`DROP INDEX ix_tasks_dispatch`);
    await db.query(
      `CREATE INDEX ix_tasks_dispatch ON tasks (tenant, dispatch_at)
        WHERE status = 'ready' AND concurrency_key IS NULL AND rate_key IS NULL`,
    );
    await db.query(`DROP INDEX ix_tasks_keyed_ready`);
    await db.query(
      `CREATE INDEX ix_tasks_keyed_ready ON tasks (concurrency_key, dispatch_at)
        WHERE status = 'ready' AND concurrency_key IS NOT NULL AND rate_key IS NULL`,
    );
    await db.query(
      `CREATE INDEX ix_tasks_rate_ready ON tasks (rate_key, dispatch_at) WHERE status = 'ready' AND rate_key IS NOT NULL`,
    );
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX ix_tasks_rate_ready`);
    await db.query(`DROP INDEX ix_tasks_keyed_ready`);
    await db.query(
      `CREATE INDEX ix_tasks_keyed_ready ON tasks (concurrency_key, dispatch_at)
        WHERE status = 'ready' AND concurrency_key IS NOT NULL`,
    );
    await db.query(`DROP INDEX ix_tasks_dispatch`);
    await db.query(
      `CREATE INDEX ix_tasks_dispatch ON tasks (tenant, dispatch_at) WHERE status = 'ready' AND concurrency_key IS NULL`,
    );
    await db.query(`DROP TABLE rate_permits`);
    await db.query(`ALTER TABLE task_types DROP COLUMN rate_limit`);
    await db.query(`ALTER TABLE tasks DROP COLUMN rate_key, DROP COLUMN rate_limit, DROP COLUMN rate_period_ms`);
  }
}
