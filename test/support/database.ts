import { DatabasePool, prepareDatabase, type Db } from '@taskloom/persistence';

/** The suite's database, migrated, and a pool of the size asked for on it. */
export async function migratedDatabase(url: string, poolSize = 10): Promise<DatabasePool> {
  await prepareDatabase(url, 'taskloom-test');
  return new DatabasePool({ url, poolSize, applicationName: 'taskloom-test' });
}

/**
 * The suite's database, migrated, served by a single connection: a suite
 * that checks what one session leaves behind (settings, open transactions,
 * statistics not yet flushed) sees it on every query.
 */
export function singleConnectionDatabase(url: string): Promise<DatabasePool> {
  return migratedDatabase(url, 1);
}

/** The rows of one statement sent where a repository would send it (the pool or a transaction's connection). */
export async function rowsOn<T>(db: Db, text: string, params: unknown[] = []): Promise<T[]> {
  return (await db.query<T & object>({ text, values: params })).rows;
}
