import { dataSourceOptions, runMigrations } from '@taskloom/persistence';
import { DataSource } from 'typeorm';

/** A migrated DataSource on a suite's own database. */
export async function migratedDataSource(url: string, poolSize = 10): Promise<DataSource> {
  const dataSource = new DataSource(dataSourceOptions(url, poolSize, 'taskloom-test'));
  await dataSource.initialize();
  await runMigrations(dataSource);
  return dataSource;
}

/**
 * The suite's database, migrated, served by a single connection: a suite
 * that checks what one session leaves behind (settings, open transactions,
 * statistics not yet flushed) sees it on every query. Migrating needs more
 * than one connection, so that runs on a pool of its own first.
 */
export async function singleConnectionDataSource(url: string): Promise<DataSource> {
  await (await migratedDataSource(url)).destroy();
  return new DataSource(dataSourceOptions(url, 1, 'taskloom-test')).initialize();
}
