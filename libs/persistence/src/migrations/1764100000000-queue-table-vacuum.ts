import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * tasks and runs behave like queue tables: every row is rewritten several
 * times within seconds of its insert. At the default thresholds (20% of the
 * table) autovacuum and analyze come too late on a busy install: dead index
 * entries pile up in front of the dispatch scan and the planner keeps
 * estimating from an empty table. These thresholds keep both current.
 */
export class QueueTableVacuum1764100000000 implements MigrationInterface {
  name = 'QueueTableVacuum1764100000000';

  async up(db: QueryRunner): Promise<void> {
    for (const table of ['tasks', 'runs']) {
      await db.query(`
        ALTER TABLE ${table} SET (
          autovacuum_vacuum_scale_factor = 0.02, autovacuum_vacuum_threshold = 1000,
          autovacuum_analyze_scale_factor = 0.02, autovacuum_analyze_threshold = 1000,
          autovacuum_vacuum_insert_scale_factor = 0.02, autovacuum_vacuum_cost_delay = 0)`);
    }
  }

  async down(db: QueryRunner): Promise<void> {
    for (const table of ['tasks', 'runs']) {
      await db.query(`
        ALTER TABLE ${table} RESET (
          autovacuum_vacuum_scale_factor, autovacuum_vacuum_threshold,
          autovacuum_analyze_scale_factor, autovacuum_analyze_threshold,
          autovacuum_vacuum_insert_scale_factor, autovacuum_vacuum_cost_delay)`);
    }
  }
}
