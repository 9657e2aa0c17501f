import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Due-time notifications (ADR 0028). Routers no longer poll for due waits,
 * schedules and delayed runs: each loop arms a timer for the earliest due
 * time it read, and these triggers wake it when an earlier one may exist.
 * Each fires only for the rows its WHEN clause names, so the hot paths of
 * `tasks` and `runs` pay a comparison, no function call; notifications with
 * the same channel and empty payload fold into one per transaction.
 *
 * taskloom_waits:
 * - a task starts waiting (a sleep, a signal wait with or without timeout;
 *   also what lets the wait loop hand over a signal a concurrent wait
 *   missed);
 * - a task with a queue timeout becomes available (ready or queued);
 * - a signal is recorded (kept for a task that does not wait yet).
 * taskloom_schedules:
 * - a schedule is created not paused, resumed, brought forward, or given a
 *   buffered fire time;
 * - a run a schedule started (idempotency key `schedule:…`) ends, which may
 *   release a buffered fire time.
 * taskloom_delayed_runs:
 * - a run is created for later (status 'scheduled') or its start time moves.
 */
export class DueTimeNotifications1765070000000 implements MigrationInterface {
  name = 'DueTimeNotifications1765070000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(
      `CREATE FUNCTION taskloom_announce() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN
         PERFORM pg_notify(TG_ARGV[0], '');
         RETURN NULL;
       END $$`,
    );
    await db.query(
      `CREATE TRIGGER tr_tasks_wait_started AFTER UPDATE OF status ON tasks FOR EACH ROW
        WHEN (NEW.status = 'waiting' AND OLD.status <> 'waiting')
        EXECUTE FUNCTION taskloom_announce('taskloom_waits')`,
    );
    await db.query(
      `CREATE TRIGGER tr_tasks_queue_timeout AFTER INSERT OR UPDATE OF available_at ON tasks FOR EACH ROW
        WHEN (NEW.queue_timeout_ms IS NOT NULL AND NEW.available_at IS NOT NULL AND NEW.status IN ('ready', 'queued'))
        EXECUTE FUNCTION taskloom_announce('taskloom_waits')`,
    );
    await db.query(
      `CREATE TRIGGER tr_signals_recorded AFTER INSERT ON signals FOR EACH ROW
        EXECUTE FUNCTION taskloom_announce('taskloom_waits')`,
    );
    await db.query(
      `CREATE TRIGGER tr_schedules_created AFTER INSERT ON schedules FOR EACH ROW
        WHEN (NOT NEW.paused AND NEW.next_fire_at IS NOT NULL)
        EXECUTE FUNCTION taskloom_announce('taskloom_schedules')`,
    );
    // A later next fire time (a round advancing the schedule) announces nothing: a timer armed for the
    // earlier one costs a round that finds nothing, where a notification would cost every router one.
    await db.query(
      `CREATE TRIGGER tr_schedules_due_sooner AFTER UPDATE ON schedules FOR EACH ROW
        WHEN (NOT NEW.paused AND (OLD.paused
              OR NEW.next_fire_at < OLD.next_fire_at
              OR (OLD.next_fire_at IS NULL AND NEW.next_fire_at IS NOT NULL)
              OR (OLD.buffered_fire_at IS NULL AND NEW.buffered_fire_at IS NOT NULL)))
        EXECUTE FUNCTION taskloom_announce('taskloom_schedules')`,
    );
    await db.query(
      `CREATE TRIGGER tr_runs_schedule_run_ended AFTER UPDATE OF status ON runs FOR EACH ROW
        WHEN (OLD.status IN ('scheduled', 'pending', 'running', 'paused')
              AND NEW.status IN ('succeeded', 'failed', 'cancelled')
              AND starts_with(NEW.idempotency_key, 'schedule:'))
        EXECUTE FUNCTION taskloom_announce('taskloom_schedules')`,
    );
    await db.query(
      `CREATE TRIGGER tr_runs_delayed AFTER INSERT OR UPDATE OF status, start_at ON runs FOR EACH ROW
        WHEN (NEW.status = 'scheduled')
        EXECUTE FUNCTION taskloom_announce('taskloom_delayed_runs')`,
    );
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TRIGGER tr_runs_delayed ON runs`);
    await db.query(`DROP TRIGGER tr_runs_schedule_run_ended ON runs`);
    await db.query(`DROP TRIGGER tr_schedules_due_sooner ON schedules`);
    await db.query(`DROP TRIGGER tr_schedules_created ON schedules`);
    await db.query(`DROP TRIGGER tr_signals_recorded ON signals`);
    await db.query(`DROP TRIGGER tr_tasks_queue_timeout ON tasks`);
    await db.query(`DROP TRIGGER tr_tasks_wait_started ON tasks`);
    await db.query(`DROP FUNCTION taskloom_announce()`);
  }
}
