import type { MigrationInterface, QueryRunner } from 'typeorm';

export class ApiKeys1763900000000 implements MigrationInterface {
  name = 'ApiKeys1763900000000';

  async up(db: QueryRunner): Promise<void> {
    // Keys are looked up by id (it is part of the key), so no index on the hash is needed.
    await db.query(`
      CREATE TABLE api_keys (
        id uuid PRIMARY KEY,
        name text NOT NULL,
        tenant text NOT NULL,
        scopes text[] NOT NULL,
        secret_hash bytea NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        revoked_at timestamptz
      )`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE api_keys`);
  }
}
