import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * runs.start_at: a run started for later (startAt, delayMs) is 'scheduled'
 * until then; routers promote due ones through ix_runs_scheduled.
 *
 * schedules: what starts runs on a clock (DESIGN §8, ADR 0020). next_fire_at
 * is the first fire time not yet handled (null once the schedule has ended);
 * routers claim due rows with FOR UPDATE SKIP LOCKED through ix_schedules_due.
 */
export class DelayedRunsAndSchedules1765010000000 implements MigrationInterface {
  name = 'DelayedRunsAndSchedules1765010000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query('ALTER TABLE runs ADD COLUMN start_at timestamptz');
    await db.query(`CREATE INDEX ix_runs_scheduled ON runs (start_at) WHERE status = 'scheduled'`);
    await db.query(
      `CREATE TABLE schedules (
         id uuid PRIMARY KEY,
         tenant text NOT NULL,
         name text NOT NULL,
         workflow_name text NOT NULL,
         workflow_version integer,
         cron text,
         every_ms bigint,
         timezone text NOT NULL,
         input jsonb NOT NULL,
         priority text,
         tags text[] NOT NULL,
         overlap text NOT NULL,
         catch_up text NOT NULL,
         jitter_ms integer NOT NULL,
         start_at timestamptz,
         end_at timestamptz,
         paused boolean NOT NULL,
         anchor_at timestamptz NOT NULL,
         next_fire_at timestamptz,
         buffered_fire_at timestamptz,
         last_run_id uuid,
         last_fired_at timestamptz,
         created_at timestamptz NOT NULL DEFAULT now(),
         updated_at timestamptz NOT NULL DEFAULT now(),
         CONSTRAINT uq_schedules_tenant_name UNIQUE (tenant, name),
         CONSTRAINT ck_schedules_one_clock CHECK ((cron IS NULL) <> (every_ms IS NULL))
       )`,
    );
    await db.query(`CREATE INDEX ix_schedules_due ON schedules (next_fire_at) WHERE NOT paused`);
    await db.query(`CREATE INDEX ix_schedules_buffered ON schedules (id) WHERE buffered_fire_at IS NOT NULL`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('DROP TABLE schedules');
    await db.query('DROP INDEX ix_runs_scheduled');
    await db.query('ALTER TABLE runs DROP COLUMN start_at');
  }
}
