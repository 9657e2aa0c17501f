import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * events: what POST /events received, with the runs it started (DESIGN §9).
 * runs is null until they are started; a repeated idempotency key of the
 * tenant finds the row (uq_events_tenant_key) instead of starting anew.
 */
export class Events1765010000001 implements MigrationInterface {
  name = 'Events1765010000001';

  async up(db: QueryRunner): Promise<void> {
    await db.query(
      `CREATE TABLE events (
         id uuid PRIMARY KEY,
         tenant text NOT NULL,
         name text NOT NULL,
         payload jsonb NOT NULL,
         idempotency_key text,
         runs jsonb,
         created_at timestamptz NOT NULL DEFAULT now()
       )`,
    );
    await db.query(
      `CREATE UNIQUE INDEX uq_events_tenant_key ON events (tenant, idempotency_key) WHERE idempotency_key IS NOT NULL`,
    );
    await db.query(`CREATE INDEX ix_events_tenant_created ON events (tenant, created_at DESC)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('DROP TABLE events');
  }
}
