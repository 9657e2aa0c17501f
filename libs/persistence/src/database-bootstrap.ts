import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from './data-source.options';
import { runMigrations } from './migrator';

const DUPLICATE_DATABASE = '42P04';

/**
 * Creates the database named in the URL when it does not exist yet, so a
 * fresh machine needs no manual `createdb`. Connects to the server's
 * `postgres` database to do it.
 */
export async function ensureDatabase(url: string): Promise<void> {
  const name = decodeURIComponent(new URL(url).pathname.replace(/^\//, ''));
  if (!name) return;
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const client = new Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (found.rowCount) return;
    await client.query(`CREATE DATABASE ${quoteIdentifier(name)}`);
  } catch (error) {
    if ((error as { code?: string }).code !== DUPLICATE_DATABASE) throw error;
  } finally {
    await client.end();
  }
}

/** Before a process serves anything: its database exists and carries every migration. */
export async function prepareDatabase(url: string, applicationName: string): Promise<string[]> {
  await ensureDatabase(url);
  // Two connections: one holds the migration lock while TypeORM migrates on the other.
  const dataSource = new DataSource(dataSourceOptions(url, 2, `${applicationName}-migrations`));
  await dataSource.initialize();
  try {
    return await runMigrations(dataSource);
  } finally {
    await dataSource.destroy();
  }
}

export function quoteIdentifier(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}
