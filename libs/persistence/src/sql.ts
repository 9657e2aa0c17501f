import { createHash } from 'node:crypto';
import type { Pool, PoolClient, QueryConfig } from 'pg';
import type { EntityManager } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver.js';
import type { PostgresQueryRunner } from 'typeorm/driver/postgres/PostgresQueryRunner.js';

export type Db = EntityManager;

const names = new Map<string, string>();

/**
 * Every statement the repositories send is prepared once per connection and
 * then only bound and executed: the hot statements are CTEs over arrays
 * whose planning costs PostgreSQL as much as running them, and a busy
 * install sends thousands a second. The name is derived from the text, so
 * the same SQL is one prepared statement wherever it is sent from; the
 * texts are fixed (values always travel as parameters), so their number is
 * bounded.
 */
function statementName(text: string): string {
  let name = names.get(text);
  if (!name) {
    name = `tl_${createHash('sha1').update(text).digest('base64url')}`;
    names.set(text, name);
  }
  return name;
}

/**
 * Sends the statement on the transaction's connection when `db` belongs to
 * one, else on any pooled connection. It goes to node-postgres directly:
 * TypeORM's query path adds nothing here but logging and event hooks.
 */
async function send<T>(db: Db, text: string, params: unknown[]) {
  const config: QueryConfig = { name: statementName(text), text, values: params };
  const runner = db.queryRunner as PostgresQueryRunner | undefined;
  if (runner) {
    const client = (await runner.connect()) as PoolClient;
    return client.query<T & object>(config);
  }
  const pool = (db.connection.driver as PostgresDriver).master as Pool;
  return pool.query<T & object>(config);
}

export async function queryRows<T>(db: Db, text: string, params: unknown[] = []): Promise<T[]> {
  return (await send<T>(db, text, params)).rows;
}

/** For statements whose answer nobody reads. */
export async function execute(db: Db, text: string, params: unknown[] = []): Promise<void> {
  await send(db, text, params);
}

/** jsonb[] parameters travel as JSON text; NULL stays NULL. */
export function jsonArray(values: readonly unknown[]): (string | null)[] {
  return values.map((value) => (value === undefined || value === null ? null : JSON.stringify(value)));
}
