import { Injectable } from '@nestjs/common';
import { DatabasePool } from '../database-pool';
import { queryRows, type Db } from '../sql';
import { settleTasks, type Settlement } from './settle-tasks';
import type { SettledTask } from './task.rows';

/** A task to start waiting: a sleep (a delay from now or a time) or a signal wait (with its optional timeout). */
export interface WaitStart {
  id: string;
  runId: string;
  /** What the task shows as its input (a sleep's rendered `until` or `durationMs`). */
  input: unknown;
  /** Due in this many milliseconds from the database's clock. */
  delayMs?: number;
  /** Due at this time. */
  until?: Date;
  signal?: string;
}

/** A waiting task whose time came: a sleep to end, or a signal wait that timed out. */
export interface DueWait {
  id: string;
  kind: 'sleep' | 'signal';
  waitSignal: string | null;
  wakeAt: Date;
}

/** A task that did not start within its queueTimeoutMs. */
export interface UnstartedTask {
  id: string;
  attempt: number;
  queueTimeoutMs: number;
  /** The queue its job is in, when it was queued. */
  queue: string | null;
  status: 'ready' | 'queued';
}

/**
 * Tasks that wait in PostgreSQL (ADR 0021): status 'waiting' with a due
 * time in `wake_at` and, for a signal wait, the signal's name. Nothing of a
 * wait is in Redis, so it survives restarts and a flush; routers claim due
 * waits with SKIP LOCKED, so any number of them share the work.
 */
@Injectable()
export class TaskWaitRepository {
  constructor(private readonly database: DatabasePool) {}

  /**
   * startWaiting — 'blocked' tasks become 'waiting' as their next attempt,
   * due at `until`, or `delayMs` after now() (the database's clock, the one
   * claimDue compares with), or never (a signal wait without a timeout).
   * Outputs: the ids that changed.
   */
  async startWaiting(db: Db, entries: readonly WaitStart[]): Promise<string[]> {
    if (entries.length === 0) return [];
    const rows = await queryRows<{ id: string }>(
      db,
      `UPDATE tasks t SET status = 'waiting', attempt = t.attempt + 1, input = e.input, started_at = now(),
                          wake_at = coalesce(e.until, now() + e.delay_ms * interval '1 millisecond'),
                          wait_signal = e.signal
         FROM unnest($1::uuid[], $2::jsonb[], $3::bigint[], $4::timestamptz[], $5::text[])
              AS e(id, input, delay_ms, until, signal)
        WHERE t.id = e.id AND t.status = 'blocked'
        RETURNING t.id`,
      [
        entries.map((e) => e.id),
        entries.map((e) => JSON.stringify(e.input ?? null)),
        entries.map((e) => e.delayMs ?? null),
        entries.map((e) => e.until ?? null),
        entries.map((e) => e.signal ?? null),
      ],
    );
    return rows.map((row) => row.id);
  }

  /**
   * claimDue — up to `limit` waiting tasks whose due time has passed,
   * earliest first, locked (SKIP LOCKED: another router takes the others).
   * The caller settles them in the same transaction (settleWaiting).
   */
  async claimDue(db: Db, limit: number): Promise<DueWait[]> {
    const rows = await queryRows<{ id: string; kind: 'sleep' | 'signal'; wait_signal: string | null; wake_at: Date }>(
      db,
      `SELECT id, kind, wait_signal, wake_at FROM tasks
        WHERE status = 'waiting' AND wake_at IS NOT NULL AND wake_at <= now()
        ORDER BY wake_at LIMIT $1
        FOR UPDATE SKIP LOCKED`,
      [limit],
    );
    return rows.map((row) => ({ id: row.id, kind: row.kind, waitSignal: row.wait_signal, wakeAt: row.wake_at }));
  }

  /** settleWaiting — 'waiting' tasks end (their time came, a signal arrived, a timeout passed). */
  settleWaiting(db: Db, entries: readonly Settlement[]): Promise<SettledTask[]> {
    return settleTasks(db, 'waiting', entries);
  }

  /**
   * claimUnstarted — up to `limit` tasks still ready or queued longer than
   * their queueTimeoutMs after they became available, locked (SKIP LOCKED).
   * The caller fails them in the same transaction (failUnstarted); an
   * executor that takes the queued job later finds the attempt ended.
   */
  async claimUnstarted(db: Db, limit: number): Promise<UnstartedTask[]> {
    const rows = await queryRows<{
      id: string;
      attempt: number;
      queue_timeout_ms: number;
      queue: string | null;
      status: 'ready' | 'queued';
    }>(
      db,
      `SELECT id, attempt, queue_timeout_ms, queue, status FROM tasks
        WHERE queue_timeout_ms IS NOT NULL AND status IN ('ready', 'queued')
          AND available_at + queue_timeout_ms * interval '1 millisecond' <= now()
        ORDER BY available_at LIMIT $1
        FOR UPDATE SKIP LOCKED`,
      [limit],
    );
    return rows.map((row) => ({
      id: row.id,
      attempt: row.attempt,
      queueTimeoutMs: row.queue_timeout_ms,
      queue: row.queue,
      status: row.status,
    }));
  }

  /** failUnstarted — ready or queued tasks end (failed) without starting. */
  failUnstarted(db: Db, entries: readonly Settlement[]): Promise<SettledTask[]> {
    return settleTasks(db, 'unstarted', entries);
  }

  /**
   * nextDueInMs — milliseconds from now (the database's clock) until the
   * earliest wait falls due: a sleep's end, a signal wait's timeout or a
   * queue timeout; zero or less when one is due already, null when none is
   * pending. Both minimums are read through their partial indexes.
   */
  async nextDueInMs(): Promise<number | null> {
    const rows = await queryRows<{ in_ms: number | null }>(
      this.database.db,
      `SELECT extract(epoch FROM least(
                (SELECT min(wake_at) FROM tasks WHERE status = 'waiting' AND wake_at IS NOT NULL),
                (SELECT min(available_at + queue_timeout_ms * interval '1 millisecond') FROM tasks
                  WHERE queue_timeout_ms IS NOT NULL AND status IN ('ready', 'queued'))) - now())::float8 * 1000 AS in_ms`,
    );
    return rows[0]?.in_ms ?? null;
  }

  /** Waiting tasks by kind, for the waiting-tasks gauge. */
  async countWaiting(): Promise<{ sleep: number; signal: number }> {
    // Each count matches a partial index's predicate, so neither reads the whole table.
    const rows = await queryRows<{ sleep: number; signal: number }>(
      this.database.db,
      `SELECT (SELECT count(*)::int FROM tasks WHERE status = 'waiting' AND wake_at IS NOT NULL AND kind = 'sleep') AS sleep,
              (SELECT count(*)::int FROM tasks WHERE status = 'waiting' AND wait_signal IS NOT NULL) AS signal`,
    );
    return rows[0] ?? { sleep: 0, signal: 0 };
  }
}
