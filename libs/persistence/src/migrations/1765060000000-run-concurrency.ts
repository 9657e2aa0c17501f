import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Workflow concurrency keys (ADR 0027). A run of a workflow with
 * `concurrency` carries its rendered key (tenant-qualified), its limit and
 * its onLimit. A slot is held by nothing but a keyed run row in an admitted
 * status ('pending', 'running', 'paused'): counted, never stored, so every
 * way a run ends frees its slot by the status change it already makes.
 *
 * - ix_runs_key_holders counts a key's holders, oldest first (cancel_oldest).
 * - ix_runs_queued lists a key's queued runs in admission order.
 * - A run that becomes 'queued', or a keyed holder that stops holding, wakes
 *   the routers' admission (channel taskloom_run_admission).
 * - ix_runs_deadline also holds queued runs: their runTimeoutMs counts while
 *   they wait, and the reconciler's overdue query must stay on the index.
 */
export class RunConcurrency1765060000000 implements MigrationInterface {
  name = 'RunConcurrency1765060000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(
      `ALTER TABLE runs ADD COLUMN concurrency_key text, ADD COLUMN concurrency_limit integer,
                        ADD COLUMN concurrency_on_limit text`,
    );
    await db.query(
      `CREATE INDEX ix_runs_key_holders ON runs (concurrency_key, created_at)
        WHERE status IN ('pending', 'running', 'paused') AND concurrency_key IS NOT NULL`,
    );
    await db.query(
      `CREATE INDEX ix_runs_queued ON runs (concurrency_key, priority DESC, created_at) WHERE status = 'queued'`,
    );
    await db.query(`DROP INDEX ix_runs_deadline`);
    await db.query(
      `CREATE INDEX ix_runs_deadline ON runs (deadline_at)
        WHERE deadline_at IS NOT NULL AND status IN ('queued', 'pending', 'running', 'paused')`,
    );
    await db.query(
      `CREATE FUNCTION taskloom_run_admission() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN
         PERFORM pg_notify('taskloom_run_admission', '');
         RETURN NULL;
       END $$`,
    );
    await db.query(
      `CREATE TRIGGER tr_runs_queued AFTER INSERT ON runs FOR EACH ROW
        WHEN (NEW.status = 'queued') EXECUTE FUNCTION taskloom_run_admission()`,
    );
    await db.query(
      `CREATE TRIGGER tr_runs_slot_freed AFTER UPDATE OF status ON runs FOR EACH ROW
        WHEN (NEW.concurrency_key IS NOT NULL AND OLD.status IS DISTINCT FROM NEW.status
              AND (NEW.status = 'queued'
                   OR (OLD.status IN ('pending', 'running', 'paused')
                       AND NEW.status NOT IN ('pending', 'running', 'paused'))))
        EXECUTE FUNCTION taskloom_run_admission()`,
    );
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TRIGGER tr_runs_slot_freed ON runs`);
    await db.query(`DROP TRIGGER tr_runs_queued ON runs`);
    await db.query(`DROP FUNCTION taskloom_run_admission()`);
    await db.query(`DROP INDEX ix_runs_deadline`);
    await db.query(
      `CREATE INDEX ix_runs_deadline ON runs (deadline_at)
        WHERE deadline_at IS NOT NULL AND status IN ('pending', 'running', 'paused')`,
    );
    await db.query(`DROP INDEX ix_runs_queued`);
    await db.query(`DROP INDEX ix_runs_key_holders`);
    await db.query(
      `ALTER TABLE runs DROP COLUMN concurrency_key, DROP COLUMN concurrency_limit, DROP COLUMN concurrency_on_limit`,
    );
  }
}
