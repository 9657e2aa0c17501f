import type { DataSourceOptions } from 'typeorm';
import { ENTITIES } from './entities';
import { MIGRATIONS } from './migrations';

/**
 * Schema changes only ever come from migrations: `synchronize` stays off so
 * that what runs in production is exactly what the migrations say.
 */
export function dataSourceOptions(url: string, poolSize: number, applicationName: string): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsRun: false,
    synchronize: false,
    logging: ['error'],
    applicationName,
    extra: { max: poolSize, idleTimeoutMillis: 30_000 },
  };
}
