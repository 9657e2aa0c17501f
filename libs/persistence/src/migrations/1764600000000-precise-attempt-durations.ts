import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An attempt's duration was kept in whole milliseconds, rounded, while its
 * start is kept to the microsecond: started_at + duration_ms could then end
 * up to half a millisecond after the attempt really ended, and two attempts
 * that ran one after the other on the same slot read as overlapping. The
 * duration is now kept as measured (fractional milliseconds).
 */
export class PreciseAttemptDurations1764600000000 implements MigrationInterface {
  name = 'PreciseAttemptDurations1764600000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE task_attempts ALTER COLUMN duration_ms TYPE double precision`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE task_attempts ALTER COLUMN duration_ms TYPE integer USING round(duration_ms)`);
  }
}
