import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * task_attempts gets one row per attempt and loses them by the million in a
 * retention sweep: at the default thresholds (20 % of the table) autovacuum
 * would leave a swept history's dead rows, and the space they hold, in place
 * for a long time, and freeze freshly inserted rows late. The same
 * thresholds as tasks and runs (migration 1764100000000); no fillfactor,
 * since its rows are never updated.
 */
export class AttemptTableVacuum1765080000000 implements MigrationInterface {
  name = 'AttemptTableVacuum1765080000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE task_attempts SET (
        autovacuum_vacuum_scale_factor = 0.02, autovacuum_vacuum_threshold = 1000,
        autovacuum_analyze_scale_factor = 0.02, autovacuum_analyze_threshold = 1000,
        autovacuum_vacuum_insert_scale_factor = 0.02, autovacuum_vacuum_cost_delay = 0)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE task_attempts RESET (
        autovacuum_vacuum_scale_factor, autovacuum_vacuum_threshold,
        autovacuum_analyze_scale_factor, autovacuum_analyze_threshold,
        autovacuum_vacuum_insert_scale_factor, autovacuum_vacuum_cost_delay)`);
  }
}
