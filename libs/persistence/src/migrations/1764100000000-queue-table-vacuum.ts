import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * tasks and runs behave like queue tables: every row is rewritten several
 * times within seconds of its insert. At the default thresholds (20% of the
 * table) autovacuum and analyze come too late on a busy install: dead index
 * entries pile up in front of the dispatch scan and the planner keeps
 * estimating from an empty table. These thresholds keep both current.
 *
 * Free space on each page (fillfactor) lets the updates that change no
 * indexed column — dependency and fan-in counters, a run's remaining count —
 * stay on their page as HOT updates, with no new index entries.
 */
export class QueueTableVacuum1764100000000 implements MigrationInterface {
  name = 'QueueTableVacuum1764100000000';

  async up(db: QueryRunner): Promise<void> {
    for (const table of ['tasks', 'runs']) {
      await db.query(`
        ALTER TABLE ${table} SET (
          autovacuum_vacuum_scale_factor = 0.02, autovacuum_vacuum_threshold = 1000,
          autovacuum_analyze_scale_factor = 0.02, autovacuum_analyze_threshold = 1000,
          autovacuum_vacuum_insert_scale_factor = 0.02, autovacuum_vacuum_cost_delay = 0,
          fillfactor = 85)`);
    }
  }

  async down(db: QueryRunner): Promise<void> {
    for (const table of ['tasks', 'runs']) {
      await db.query(`
        ALTER TABLE ${table} RESET (
          autovacuum_vacuum_scale_factor, autovacuum_vacuum_threshold,
          autovacuum_analyze_scale_factor, autovacuum_analyze_threshold,
          autovacuum_vacuum_insert_scale_factor, autovacuum_vacuum_cost_delay, fillfactor)`);
    }
  }
}
