import { Injectable } from '@nestjs/common';
import { ADMITTED_RUN_STATUSES } from '@taskloom/engine';
import { DatabasePool } from '../database-pool';
import { execute, queryRows, type Db } from '../sql';

/** The first int of the two-int advisory locks on workflow concurrency keys, so they meet no other advisory lock. */
const RUN_KEY_LOCK_SPACE = 27_027;

/** Channel on which "a run was queued, or a keyed run stopped holding its slot" is announced (a trigger on runs). */
export const RUN_ADMISSION_CHANNEL = 'taskloom_run_admission';

/** A workflow concurrency key under its lock: its holders, oldest first, and its queued runs in admission order. */
export interface RunKeyRows {
  holders: string[];
  queued: string[];
  /** The limit and onLimit of the key's first queued run; absent when none is queued. */
  limit?: number;
  onLimit?: string;
}

/** Holders and limit of a key, for waitingOn. */
export interface RunKeyUse {
  key: string;
  held: number;
}

/**
 * Workflow concurrency keys (ADR 0027). A slot is a keyed run row in an
 * admitted status (ix_runs_key_holders), never a stored counter; admission
 * is serialised per key by a transaction-scoped advisory lock, and only
 * admission adds holders.
 */
@Injectable()
export class RunAdmissionRepository {
  constructor(private readonly database: DatabasePool) {}

  /** Keys with queued runs, at most `limit`, through ix_runs_queued. */
  async queuedKeys(db: Db, limit: number): Promise<string[]> {
    const rows = await queryRows<{ key: string }>(
      db,
      `WITH RECURSIVE keys(k) AS (
         (SELECT concurrency_key FROM runs WHERE status = 'queued' ORDER BY concurrency_key LIMIT 1)
         UNION ALL
         SELECT (SELECT concurrency_key FROM runs WHERE status = 'queued' AND concurrency_key > keys.k
                  ORDER BY concurrency_key LIMIT 1)
           FROM keys WHERE keys.k IS NOT NULL)
       SELECT k AS key FROM keys WHERE k IS NOT NULL LIMIT $1`,
      [limit],
    );
    return rows.map((row) => row.key);
  }

  /** The key's lock until the transaction ends; false when another router holds it (it admits for the key). */
  async tryLockKey(db: Db, key: string): Promise<boolean> {
    const [row] = await queryRows<{ locked: boolean }>(
      db,
      'SELECT pg_try_advisory_xact_lock($1::int, hashtext($2)) AS locked',
      [RUN_KEY_LOCK_SPACE, key],
    );
    return row?.locked === true;
  }

  /** The key's lock until the transaction ends, waiting for another process's admission of the key to commit. */
  async lockKey(db: Db, key: string): Promise<void> {
    await execute(db, 'SELECT pg_advisory_xact_lock($1::int, hashtext($2))', [RUN_KEY_LOCK_SPACE, key]);
  }

  /**
   * For a run about to hold a slot outside admission (a failed run retried):
   * its key's lock, waiting for it, then its key, holders and limit; null for
   * a run without a key.
   */
  async lockRunKey(db: Db, runId: string): Promise<{ key: string; held: number; limit: number } | null> {
    const [run] = await queryRows<{ key: string | null; limit: number | null }>(
      db,
      'SELECT concurrency_key AS key, concurrency_limit AS limit FROM runs WHERE id = $1',
      [runId],
    );
    if (!run?.key || run.limit === null) return null;
    await this.lockKey(db, run.key);
    const [use] = await this.holders([run.key], db);
    return { key: run.key, held: use?.held ?? 0, limit: run.limit };
  }

  /**
   * Under the key's lock (a statement of its own after the lock, so its
   * snapshot sees every admission committed by the previous holder): the
   * key's holders and up to `maxQueued` queued runs.
   */
  async keyRows(db: Db, key: string, maxQueued: number): Promise<RunKeyRows> {
    const rows = await queryRows<{ id: string; queued: boolean; concurrency_limit: number; on_limit: string | null }>(
      db,
      `(SELECT id, false AS queued, concurrency_limit, concurrency_on_limit AS on_limit FROM runs
         WHERE concurrency_key = $1 AND status = ANY($2::text[]) ORDER BY created_at, id)
       UNION ALL
       (SELECT id, true, concurrency_limit, concurrency_on_limit FROM runs
         WHERE concurrency_key = $1 AND status = 'queued' ORDER BY priority DESC, created_at, id LIMIT $3)`,
      [key, ADMITTED_RUN_STATUSES, maxQueued],
    );
    const queued = rows.filter((row) => row.queued);
    return {
      holders: rows.filter((row) => !row.queued).map((row) => row.id),
      queued: queued.map((row) => row.id),
      ...(queued[0] && { limit: queued[0].concurrency_limit, onLimit: queued[0].on_limit ?? 'queue' }),
    };
  }

  /** The statuses of these runs now. */
  async statuses(db: Db, ids: readonly string[]): Promise<Map<string, string>> {
    if (ids.length === 0) return new Map();
    const rows = await queryRows<{ id: string; status: string }>(
      db,
      'SELECT id, status FROM runs WHERE id = ANY($1::uuid[])',
      [ids],
    );
    return new Map(rows.map((row) => [row.id, row.status]));
  }

  /** Queued runs become pending; returns those that were still queued. */
  async admit(db: Db, ids: readonly string[]): Promise<string[]> {
    if (ids.length === 0) return [];
    const rows = await queryRows<{ id: string }>(
      db,
      `UPDATE runs SET status = 'pending', updated_at = now() WHERE id = ANY($1::uuid[]) AND status = 'queued' RETURNING id`,
      [ids],
    );
    return rows.map((row) => row.id);
  }

  /**
   * The roots of runs just admitted or promoted: tasks without dependencies,
   * still blocked (a run not admitted has no task ready or waiting).
   */
  async blockedRoots(db: Db, runIds: readonly string[]): Promise<{ id: string; runId: string; key: string }[]> {
    if (runIds.length === 0) return [];
    return queryRows(
      db,
      `SELECT id, run_id AS "runId", key FROM tasks
        WHERE run_id = ANY($1::uuid[]) AND status = 'blocked' AND deps_total = 0 AND parent_task_id IS NULL
        ORDER BY run_id, key`,
      [runIds],
    );
  }

  /** How many runs hold each key now (waitingOn). */
  async holders(keys: readonly string[], db: Db = this.database.db): Promise<RunKeyUse[]> {
    if (keys.length === 0) return [];
    return queryRows<RunKeyUse>(
      db,
      `SELECT k AS key, (SELECT count(*)::int FROM runs WHERE concurrency_key = k AND status = ANY($2::text[])) AS held
         FROM unnest($1::text[]) AS k`,
      [keys, ADMITTED_RUN_STATUSES],
    );
  }

  /** Wakes every router's admission (a queued run whose key may have room). */
  async announce(db: Db): Promise<void> {
    await execute(db, `SELECT pg_notify('${RUN_ADMISSION_CHANNEL}', '')`);
  }
}
