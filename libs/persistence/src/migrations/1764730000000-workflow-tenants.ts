import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Workflow definitions belong to a tenant (ADR 0014): names and version
 * sequences are per tenant, and existing definitions become the `default`
 * tenant's, which is everything when auth is off. A definition is shared
 * with another tenant by a row in workflow_shares, per name (every version,
 * read-only). Run starts resolve a name by (name, tenant), hence the index
 * leading with the name. API keys are listed per tenant, newest first.
 */
export class WorkflowTenants1764730000000 implements MigrationInterface {
  name = 'WorkflowTenants1764730000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE workflow_definitions ADD COLUMN tenant text NOT NULL DEFAULT 'default'`);
    await db.query(`ALTER TABLE workflow_definitions DROP CONSTRAINT uq_workflow_definitions_name_version`);
    await db.query(
      `ALTER TABLE workflow_definitions ADD CONSTRAINT uq_workflow_definitions_tenant_name_version UNIQUE (tenant, name, version)`,
    );
    await db.query(`DROP INDEX ix_workflow_definitions_name_checksum`);
    await db.query(`CREATE INDEX ix_workflow_definitions_name_tenant ON workflow_definitions (name, tenant)`);
    await db.query(`
      CREATE TABLE workflow_shares (
        tenant text NOT NULL,
        name text NOT NULL,
        grantee text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (tenant, name, grantee)
      )`);
    await db.query(`CREATE INDEX ix_workflow_shares_grantee ON workflow_shares (grantee, name)`);
    await db.query(`CREATE INDEX ix_api_keys_tenant_created ON api_keys (tenant, created_at DESC, id DESC)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX ix_api_keys_tenant_created`);
    await db.query(`DROP TABLE workflow_shares`);
    await db.query(`DROP INDEX ix_workflow_definitions_name_tenant`);
    await db.query(`CREATE INDEX ix_workflow_definitions_name_checksum ON workflow_definitions (name, checksum)`);
    await db.query(`ALTER TABLE workflow_definitions DROP CONSTRAINT uq_workflow_definitions_tenant_name_version`);
    await db.query(
      `ALTER TABLE workflow_definitions ADD CONSTRAINT uq_workflow_definitions_name_version UNIQUE (name, version)`,
    );
    await db.query(`ALTER TABLE workflow_definitions DROP COLUMN tenant`);
  }
}
