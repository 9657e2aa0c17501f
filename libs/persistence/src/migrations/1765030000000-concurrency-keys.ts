import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Concurrency keys (ADR 0022). A task with a key carries it rendered
 * (`concurrency_key`, tenant-qualified) with its limit. A slot is held by
 * nothing but a keyed task row in 'queued' or 'running': it is counted,
 * never stored, so whatever ends or moves a task frees its slot.
 *
 * - ix_tasks_dispatch narrows to unkeyed tasks: the plain claim walks it
 *   exactly as before and never steps over keyed tasks waiting for a slot.
 * - ix_tasks_keyed_ready lists ready keyed tasks by key, then dispatch order
 *   (the keyed claim skips from key to key, then takes each key's head).
 * - ix_tasks_key_holders counts a key's holders.
 * - A holder that leaves 'queued'/'running' wakes the routers (the ready
 *   channel): a freed slot is claimed at once, not at the next poll.
 */
export class ConcurrencyKeys1765030000000 implements MigrationInterface {
  name = 'ConcurrencyKeys1765030000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE tasks ADD COLUMN concurrency_key text, ADD COLUMN concurrency_limit integer`);
    await db.query(`DROP INDEX ix_tasks_dispatch`);
    await db.query(
      `CREATE INDEX ix_tasks_dispatch ON tasks (dispatch_at) WHERE status = 'ready' AND concurrency_key IS NULL`,
    );
    await db.query(
      `CREATE INDEX ix_tasks_keyed_ready ON tasks (concurrency_key, dispatch_at)
        WHERE status = 'ready' AND concurrency_key IS NOT NULL`,
    );
    await db.query(
      `CREATE INDEX ix_tasks_key_holders ON tasks (concurrency_key)
        WHERE status IN ('queued', 'running') AND concurrency_key IS NOT NULL`,
    );
    await db.query(
      `CREATE FUNCTION taskloom_slot_freed() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN
         PERFORM pg_notify('taskloom_ready', '');
         RETURN NULL;
       END $$`,
    );
    await db.query(
      `CREATE TRIGGER tr_tasks_slot_freed AFTER UPDATE OF status ON tasks FOR EACH ROW
        WHEN (OLD.concurrency_key IS NOT NULL AND OLD.status IN ('queued', 'running')
              AND NEW.status NOT IN ('queued', 'running'))
        EXECUTE FUNCTION taskloom_slot_freed()`,
    );
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TRIGGER tr_tasks_slot_freed ON tasks`);
    await db.query(`DROP FUNCTION taskloom_slot_freed()`);
    await db.query(`DROP INDEX ix_tasks_key_holders`);
    await db.query(`DROP INDEX ix_tasks_keyed_ready`);
    await db.query(`DROP INDEX ix_tasks_dispatch`);
    await db.query(`CREATE INDEX ix_tasks_dispatch ON tasks (dispatch_at) WHERE status = 'ready'`);
    await db.query(`ALTER TABLE tasks DROP COLUMN concurrency_key, DROP COLUMN concurrency_limit`);
  }
}
