import { Injectable } from '@nestjs/common';
import { jsonOrJsonNull, queryRows, type Db } from '../sql';
import { signalReady } from '../ready-signal';
import { settleTasks, type Settlement } from './settle-tasks';
import type { DependentCounters, SettledTask } from './task.rows';

/** A 'blocked' task becoming ready: its rendered input, queue, place in dispatch order, concurrency key and rate limit. */
export interface ReadyEntry {
  id: string;
  input: unknown;
  queue: string;
  dispatchBonusMs: number;
  concurrencyKey?: string | null;
  concurrencyLimit?: number | null;
  rateKey?: string | null;
  rateLimit?: number | null;
  ratePeriodMs?: number | null;
}

/**
 * Readiness: a dependent's counters move as its parents end; once decided,
 * it becomes 'ready' (or a group starts, or it ends without running). Rows
 * are locked in id order, so completions that share dependents wait for each
 * other instead of deadlocking.
 */
@Injectable()
export class TaskReadinessRepository {
  /**
   * applyUpstreamOutcomes — inputs: per (run, dependent key), how many of its
   * parents just succeeded, failed and were skipped. Only 'blocked'
   * dependents change; the row lock makes concurrent parents queue up, so
   * each sees the counts the others committed. Rows are locked in id order
   * first: two completions that share dependents then wait for each other
   * instead of deadlocking. Outputs: the new counters.
   */
  async applyUpstreamOutcomes(
    db: Db,
    increments: readonly { runId: string; key: string; succeeded: number; failed: number; skipped: number }[],
  ): Promise<DependentCounters[]> {
    if (increments.length === 0) return [];
    const rows = await queryRows<{
      id: string;
      run_id: string;
      key: string;
      deps_total: number;
      deps_succeeded: number;
      deps_failed: number;
      deps_skipped: number;
    }>(
      db,
      `WITH d AS (
         SELECT run_id, key, sum(s)::int AS s, sum(f)::int AS f, sum(k)::int AS k
           FROM unnest($1::uuid[], $2::text[], $3::int[], $4::int[], $5::int[]) AS x(run_id, key, s, f, k)
          GROUP BY run_id, key),
       locked AS (
         SELECT t.id, d.s, d.f, d.k FROM tasks t JOIN d ON t.run_id = d.run_id AND t.key = d.key
          WHERE t.parent_task_id IS NULL AND t.status = 'blocked'
          ORDER BY t.id
          FOR NO KEY UPDATE OF t)
       UPDATE tasks t SET deps_succeeded = t.deps_succeeded + l.s, deps_failed = t.deps_failed + l.f,
                          deps_skipped = t.deps_skipped + l.k
         FROM locked l WHERE t.id = l.id
        RETURNING t.id, t.run_id, t.key, t.deps_total, t.deps_succeeded, t.deps_failed, t.deps_skipped`,
      [
        increments.map((i) => i.runId),
        increments.map((i) => i.key),
        increments.map((i) => i.succeeded),
        increments.map((i) => i.failed),
        increments.map((i) => i.skipped),
      ],
    );
    return rows.map((row) => ({
      id: row.id,
      runId: row.run_id,
      key: row.key,
      depsTotal: row.deps_total,
      depsSucceeded: row.deps_succeeded,
      depsFailed: row.deps_failed,
      depsSkipped: row.deps_skipped,
    }));
  }

  /**
   * markReady — 'blocked' tasks become 'ready' with their rendered input and
   * queue, as their next attempt, and the router is told. Outputs: how many.
   */
  async markReady(db: Db, entries: readonly ReadyEntry[]): Promise<number> {
    if (entries.length === 0) return 0;
    const rows = await queryRows<{ changed: number }>(
      db,
      signalReady(`UPDATE tasks t SET status = 'ready', attempt = t.attempt + 1, input = e.input, queue = e.queue, available_at = now(),
                          dispatch_at = now() - e.bonus_ms * interval '1 millisecond',
                          concurrency_key = e.concurrency_key, concurrency_limit = e.concurrency_limit,
                          rate_key = e.rate_key, rate_limit = e.rate_limit, rate_period_ms = e.rate_period_ms
         FROM unnest($1::uuid[], $2::jsonb[], $3::text[], $4::bigint[], $5::text[], $6::int[], $7::text[], $8::int[],
                     $9::int[])
              AS e(id, input, queue, bonus_ms, concurrency_key, concurrency_limit, rate_key, rate_limit, rate_period_ms)
        WHERE t.id = e.id AND t.status = 'blocked'
        RETURNING t.id`),
      [
        entries.map((e) => e.id),
        entries.map((e) => jsonOrJsonNull(e.input)),
        entries.map((e) => e.queue),
        entries.map((e) => e.dispatchBonusMs),
        entries.map((e) => e.concurrencyKey ?? null),
        entries.map((e) => e.concurrencyLimit ?? null),
        entries.map((e) => e.rateKey ?? null),
        entries.map((e) => e.rateLimit ?? null),
        entries.map((e) => e.ratePeriodMs ?? null),
      ],
    );
    return rows[0]?.changed ?? 0;
  }

  /** settleBlocked — 'blocked' tasks end without running (skipped, failed to render, a group with no items). */
  settleBlocked(db: Db, entries: readonly Settlement[]): Promise<SettledTask[]> {
    return settleTasks(db, 'blocked', entries);
  }

  /** Outputs and statuses of named top-level tasks, for rendering templates. */
  async outputsOf(
    db: Db,
    refs: readonly { runId: string; key: string }[],
  ): Promise<{ runId: string; key: string; status: string; output: unknown; error: unknown }[]> {
    if (refs.length === 0) return [];
    const rows = await queryRows<{ run_id: string; key: string; status: string; output: unknown; error: unknown }>(
      db,
      `SELECT t.run_id, t.key, t.status, t.output, t.error
         FROM tasks t JOIN unnest($1::uuid[], $2::text[]) AS r(run_id, key) ON t.run_id = r.run_id AND t.key = r.key
        WHERE t.parent_task_id IS NULL`,
      [refs.map((r) => r.runId), refs.map((r) => r.key)],
    );
    return rows.map((row) => ({
      runId: row.run_id,
      key: row.key,
      status: row.status,
      output: row.output,
      error: row.error,
    }));
  }
}
