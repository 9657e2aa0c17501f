import type { DataSource } from 'typeorm';

/** Any 64-bit constant works; it only has to be the same in every Taskloom process. */
const MIGRATION_LOCK_ID = 7_361_001;

/**
 * Every app runs migrations at start; several may start at once, so they
 * take turns behind a session advisory lock and the later ones find nothing to do.
 * The lock holds one pooled connection, so the pool needs at least two.
 */
export async function runMigrations(dataSource: DataSource): Promise<string[]> {
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    await runner.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_ID]);
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    return applied.map((migration) => migration.name);
  } finally {
    await runner.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_ID]).catch(() => undefined);
    await runner.release();
  }
}
