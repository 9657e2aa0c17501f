import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Tasks that wait in PostgreSQL (ADR 0021): a durable sleep or a signal wait
 * is a task row in status 'waiting' with its due time (`wake_at`: a sleep's
 * end, a signal wait's timeout) and the signal it waits for. Routers claim
 * due rows through the partial index; nothing of a wait is in Redis.
 *
 * `queue_timeout_ms`: how long a task may stay ready or queued (from its
 * `available_at`) before it fails without starting.
 *
 * signals: what POST /runs/{id}/signals/{name} delivered or keeps for a task
 * that does not wait yet; `signal_id` makes a repeated delivery a no-op.
 * Signals go with their run.
 */
export class Waits1765020000000 implements MigrationInterface {
  name = 'Waits1765020000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(
      `ALTER TABLE tasks ADD COLUMN wake_at timestamptz, ADD COLUMN wait_signal text, ADD COLUMN queue_timeout_ms integer`,
    );
    await db.query(`CREATE INDEX tasks_wake_idx ON tasks (wake_at) WHERE status = 'waiting' AND wake_at IS NOT NULL`);
    await db.query(
      `CREATE INDEX tasks_wait_signal_idx ON tasks (run_id, wait_signal) WHERE status = 'waiting' AND wait_signal IS NOT NULL`,
    );
    await db.query(
      `CREATE INDEX tasks_queue_timeout_idx ON tasks (available_at)
        WHERE queue_timeout_ms IS NOT NULL AND status IN ('ready', 'queued')`,
    );
    await db.query(
      `CREATE TABLE signals (
         id uuid PRIMARY KEY,
         run_id uuid NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
         name text NOT NULL,
         signal_id text,
         payload jsonb,
         task_id uuid,
         received_at timestamptz NOT NULL DEFAULT now(),
         delivered_at timestamptz
       )`,
    );
    await db.query(
      `CREATE UNIQUE INDEX signals_signal_id_key ON signals (run_id, signal_id) WHERE signal_id IS NOT NULL`,
    );
    // By run: the api's delivery, and deleting a run's signals with it (retention).
    await db.query(`CREATE INDEX signals_run_idx ON signals (run_id, name, received_at)`);
    // The wait loop's sweep over the signals still kept.
    await db.query(`CREATE INDEX signals_kept_idx ON signals (received_at) WHERE delivered_at IS NULL`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('DROP TABLE signals');
    await db.query('DROP INDEX tasks_queue_timeout_idx');
    await db.query('DROP INDEX tasks_wait_signal_idx');
    await db.query('DROP INDEX tasks_wake_idx');
    await db.query('ALTER TABLE tasks DROP COLUMN wake_at, DROP COLUMN wait_signal, DROP COLUMN queue_timeout_ms');
  }
}
