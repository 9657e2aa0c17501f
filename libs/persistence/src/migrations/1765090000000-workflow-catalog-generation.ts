import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The workflow catalog's generation (ADR 0039): one row whose counter goes
 * up, in the same transaction, with every statement that changes what a
 * name resolves to — a version registered or removed, a share granted or
 * revoked. An api keeps the resolutions it looked up with the generation
 * they were read at, and a run started from one is inserted only if the
 * generation is still that one, checked in the insert's own snapshot.
 * Statement-level triggers: a bulk change bumps it once. Registrations
 * queue on the row's lock until they commit; they are rare.
 */
export class WorkflowCatalogGeneration1765090000000 implements MigrationInterface {
  name = 'WorkflowCatalogGeneration1765090000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(
      `CREATE TABLE workflow_catalog (
         singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
         generation bigint NOT NULL)`,
    );
    await db.query(`INSERT INTO workflow_catalog (singleton, generation) VALUES (true, 1)`);
    await db.query(
      `CREATE FUNCTION taskloom_workflow_catalog_changed() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN
         UPDATE workflow_catalog SET generation = generation + 1;
         RETURN NULL;
       END $$`,
    );
    for (const table of ['workflow_definitions', 'workflow_shares']) {
      await db.query(
        `CREATE TRIGGER tr_${table}_catalog AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON ${table}
          FOR EACH STATEMENT EXECUTE FUNCTION taskloom_workflow_catalog_changed()`,
      );
    }
  }

  async down(db: QueryRunner): Promise<void> {
    for (const table of ['workflow_definitions', 'workflow_shares']) {
      await db.query(`DROP TRIGGER tr_${table}_catalog ON ${table}`);
    }
    await db.query(`DROP FUNCTION taskloom_workflow_catalog_changed()`);
    await db.query(`DROP TABLE workflow_catalog`);
  }
}
