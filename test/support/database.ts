import { dataSourceOptions, runMigrations } from '@taskloom/persistence';
import { DataSource } from 'typeorm';

/** A migrated DataSource on a suite's own database. */
export async function migratedDataSource(url: string, poolSize = 10): Promise<DataSource> {
  const dataSource = new DataSource(dataSourceOptions(url, poolSize, 'taskloom-test'));
  await dataSource.initialize();
  await runMigrations(dataSource);
  return dataSource;
}
