import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Tenant fair share in the claim (ADR 0022). Every task carries its run's
 * tenant, so the claim can skip from tenant to tenant along
 * ix_tasks_dispatch (now tenant, then dispatch order) and take each one's
 * head: one tenant's backlog never hides another's new work.
 * tenant_weights holds the weights operators set (absent: 1).
 */
export class TenantFairShare1765030000001 implements MigrationInterface {
  name = 'TenantFairShare1765030000001';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE tasks ADD COLUMN tenant text`);
    await db.query(`UPDATE tasks t SET tenant = r.tenant FROM runs r WHERE r.id = t.run_id`);
    await db.query(`ALTER TABLE tasks ALTER COLUMN tenant SET NOT NULL`);
    await db.query(`DROP INDEX ix_tasks_dispatch`);
    await db.query(
      `CREATE INDEX ix_tasks_dispatch ON tasks (tenant, dispatch_at) WHERE status = 'ready' AND concurrency_key IS NULL`,
    );
    await db.query(
      `CREATE TABLE tenant_weights (
         tenant text PRIMARY KEY,
         weight integer NOT NULL CHECK (weight BETWEEN 1 AND 1000),
         updated_at timestamptz NOT NULL DEFAULT now()
       )`,
    );
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE tenant_weights`);
    await db.query(`DROP INDEX ix_tasks_dispatch`);
    await db.query(
      `CREATE INDEX ix_tasks_dispatch ON tasks (dispatch_at) WHERE status = 'ready' AND concurrency_key IS NULL`,
    );
    await db.query(`ALTER TABLE tasks DROP COLUMN tenant`);
  }
}
