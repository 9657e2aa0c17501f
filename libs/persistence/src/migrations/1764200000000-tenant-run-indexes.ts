import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Every run search is scoped to the caller's tenant (API keys bind one), so
 * the search indexes lead with it: a small tenant's page no longer walks
 * past every other tenant's runs. Same number of indexes, so run writes
 * cost no more.
 *
 * The tags index only holds runs that have tags: a run without any then
 * costs the GIN index nothing on each of its updates.
 */
export class TenantRunIndexes1764200000000 implements MigrationInterface {
  name = 'TenantRunIndexes1764200000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX ix_runs_created`);
    await db.query(`DROP INDEX ix_runs_workflow_created`);
    await db.query(`DROP INDEX ix_runs_status_created`);
    await db.query(`CREATE INDEX ix_runs_tenant_created ON runs (tenant, created_at DESC, id DESC)`);
    await db.query(
      `CREATE INDEX ix_runs_tenant_workflow_created ON runs (tenant, workflow_name, created_at DESC, id DESC)`,
    );
    await db.query(`CREATE INDEX ix_runs_tenant_status_created ON runs (tenant, status, created_at DESC, id DESC)`);
    await db.query(`DROP INDEX ix_runs_tags`);
    await db.query(`CREATE INDEX ix_runs_tags ON runs USING gin (tags) WHERE tags <> '{}'`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX ix_runs_tags`);
    await db.query(`CREATE INDEX ix_runs_tags ON runs USING gin (tags)`);
    await db.query(`DROP INDEX ix_runs_tenant_status_created`);
    await db.query(`DROP INDEX ix_runs_tenant_workflow_created`);
    await db.query(`DROP INDEX ix_runs_tenant_created`);
    await db.query(`CREATE INDEX ix_runs_created ON runs (created_at DESC, id DESC)`);
    await db.query(`CREATE INDEX ix_runs_workflow_created ON runs (workflow_name, created_at DESC, id DESC)`);
    await db.query(`CREATE INDEX ix_runs_status_created ON runs (status, created_at DESC, id DESC)`);
  }
}
