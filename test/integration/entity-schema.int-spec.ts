import { dataSourceOptions, ENTITIES } from '@taskloom/persistence';
import { DataSource } from 'typeorm';
import { migratedDatabase } from '../support/database';
import { createSuiteServices, type SuiteServices } from '../support/services';

interface ColumnShape {
  name: string;
  type: string;
  nullable: boolean;
}

/**
 * The entities are the schema's source a reader trusts, the migrations what
 * production runs: every entity must describe its migrated table exactly
 * (columns, types, nullability), so a migration without its entity change,
 * or the reverse, fails here.
 */
describe('entities mirror the migrated tables', () => {
  let services: SuiteServices;
  let dataSource: DataSource;
  const tables = new Map<string, ColumnShape[]>();

  beforeAll(async () => {
    services = await createSuiteServices('entity-schema');
    const database = await migratedDatabase(services.databaseUrl, 1);
    const rows = await database.query<{ table: string; name: string; type: string; nullable: boolean }>(
      `SELECT c.relname AS table, a.attname AS name, format_type(a.atttypid, a.atttypmod) AS type,
              NOT a.attnotnull AS nullable
         FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p') AND a.attnum > 0 AND NOT a.attisdropped
        ORDER BY a.attname`,
    );
    await database.close();
    for (const { table, ...column } of rows) tables.set(table, [...(tables.get(table) ?? []), column]);
    // Metadata only: the entities are read, never synchronised.
    dataSource = new DataSource(dataSourceOptions(services.databaseUrl, 1, 'taskloom-test'));
    await dataSource.initialize();
  });

  afterAll(async () => {
    await dataSource?.destroy();
    await services?.dispose();
  });

  function entityColumns(entity: (typeof ENTITIES)[number]): ColumnShape[] {
    return dataSource
      .getMetadata(entity)
      .columns.map((column) => ({
        name: column.databaseName,
        type: `${dataSource.driver.normalizeType(column)}${column.isArray ? '[]' : ''}`,
        nullable: column.isNullable,
      }))
      .sort((a, b) => a.name.localeCompare(b.name));
  }

  it.each(ENTITIES.map((entity) => [entity.name, entity] as const))('%s', (_name, entity) => {
    const table = dataSource.getMetadata(entity).tableName;
    expect(tables.has(table)).toBe(true);
    expect(entityColumns(entity)).toEqual(tables.get(table)!.sort((a, b) => a.name.localeCompare(b.name)));
  });

  it('every table but the migration log has an entity', () => {
    const described = new Set(ENTITIES.map((entity) => dataSource.getMetadata(entity).tableName));
    expect([...tables.keys()].filter((table) => !described.has(table) && table !== 'migrations').sort()).toEqual([]);
  });
});
