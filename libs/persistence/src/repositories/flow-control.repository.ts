import { Injectable } from '@nestjs/common';
import { DatabasePool } from '../database-pool';
import { queryRows } from '../sql';
import { nextPermitAt, permitsFree, permitsUsed, type BucketSql } from './rate-window.sql';
import { READY_TENANT_WEIGHTS } from './ready-tenants.sql';

/** A rate-limit bucket's window, for waitingOn (ADR 0026). */
export interface RateWindow {
  used: number;
  nextPermitAt: Date | null;
  /** Ready tasks of the bucket placed here or later in dispatch order find no permit left for them. */
  waitFrom: Date | null;
}

/** Where a tenant stands in the plain claim's fair share (FlowControlRepository.tenantTurn). */
export interface TenantTurn {
  share: number;
  beyondShare: Date | null;
  othersReady: number;
}

/** Reads for flow control (ADR 0022): who holds a key's slots, and which task types a live executor can take. */
@Injectable()
export class FlowControlRepository {
  constructor(private readonly database: DatabasePool) {}

  /** Slots held per key: its tasks 'queued' or 'running' (ix_tasks_key_holders). Keys holding none are absent. */
  async heldSlots(keys: readonly string[]): Promise<Map<string, number>> {
    if (keys.length === 0) return new Map();
    const rows = await queryRows<{ key: string; held: number }>(
      this.database.db,
      `SELECT concurrency_key AS key, count(*)::int AS held FROM tasks
        WHERE concurrency_key = ANY($1::text[]) AND status IN ('queued', 'running')
        GROUP BY concurrency_key`,
      [keys],
    );
    return new Map(rows.map((row) => [row.key, row.held]));
  }

  /**
   * Of these task types, those that at least one live executor (heartbeat
   * within `lostAfterMs`, not stopped) serves and whose resource profile
   * fits its capacity.
   */
  async servedTypes(types: readonly string[], lostAfterMs: number): Promise<Set<string>> {
    if (types.length === 0) return new Set();
    const rows = await queryRows<{ type: string }>(
      this.database.db,
      `SELECT tt.type FROM task_types tt
        WHERE tt.type = ANY($1::text[])
          AND EXISTS (
            SELECT 1 FROM executors e
             WHERE e.stopped_at IS NULL AND e.heartbeat_at > now() - $2 * interval '1 millisecond'
               AND tt.type = ANY(e.task_types)
               AND (e.capacity->>'cpu')::float8 >= coalesce((tt.resources->>'cpu')::float8, 0)
               AND (e.capacity->>'memoryMb')::float8 >= coalesce((tt.resources->>'memoryMb')::float8, 0))`,
      [types, lostAfterMs],
    );
    return new Set(rows.map((row) => row.type));
  }

  /**
   * Totals over every key, for metrics without a label per key: slots held,
   * keys holding any, and ready tasks whose key is full.
   */
  async keyTotals(): Promise<{ held: number; keys: number; throttled: number }> {
    const rows = await queryRows<{ held: number; keys: number; throttled: number }>(
      this.database.db,
      `WITH holders AS (
         SELECT concurrency_key AS key, count(*) AS held FROM tasks
          WHERE status IN ('queued', 'running') AND concurrency_key IS NOT NULL GROUP BY concurrency_key),
       waiting AS (
         SELECT concurrency_key AS key, count(*) AS n, min(concurrency_limit) AS lim FROM tasks
          WHERE status = 'ready' AND concurrency_key IS NOT NULL GROUP BY concurrency_key)
       SELECT (SELECT coalesce(sum(held), 0) FROM holders)::int AS held,
              (SELECT count(*) FROM holders)::int AS keys,
              (SELECT coalesce(sum(w.n), 0) FROM waiting w JOIN holders h ON h.key = w.key WHERE h.held >= w.lim)::int
                AS throttled`,
    );
    return rows[0] ?? { held: 0, keys: 0, throttled: 0 };
  }

  /**
   * The same totals for workflow concurrency keys (ADR 0027), from
   * ix_runs_key_holders and ix_runs_queued: slots held by admitted runs,
   * keys holding any, and runs queued for a slot.
   */
  async runKeyTotals(): Promise<{ held: number; keys: number; throttled: number }> {
    const rows = await queryRows<{ held: number; keys: number; throttled: number }>(
      this.database.db,
      `SELECT count(*)::int AS held, count(DISTINCT concurrency_key)::int AS keys,
              (SELECT count(*) FROM runs WHERE status = 'queued')::int AS throttled
         FROM runs WHERE status IN ('pending', 'running', 'paused') AND concurrency_key IS NOT NULL`,
    );
    return rows[0] ?? { held: 0, keys: 0, throttled: 0 };
  }

  /**
   * The keys with the most slots held (then the most tasks waiting), at most
   * `limit`: for the admin API. Reads only the two partial indexes of keyed
   * tasks.
   */
  async busiestKeys(limit: number): Promise<{ key: string; held: number; limit: number | null; waiting: number }[]> {
    return queryRows(
      this.database.db,
      `WITH holders AS (
         SELECT concurrency_key AS key, count(*)::int AS held, max(concurrency_limit) AS lim FROM tasks
          WHERE status IN ('queued', 'running') AND concurrency_key IS NOT NULL GROUP BY concurrency_key),
       waiting AS (
         SELECT concurrency_key AS key, count(*)::int AS waiting, max(concurrency_limit) AS lim FROM tasks
          WHERE status = 'ready' AND concurrency_key IS NOT NULL GROUP BY concurrency_key)
       SELECT coalesce(h.key, w.key) AS key, coalesce(h.held, 0) AS held,
              coalesce(w.lim, h.lim) AS "limit", coalesce(w.waiting, 0) AS waiting
         FROM holders h FULL JOIN waiting w ON w.key = h.key
        ORDER BY held DESC, waiting DESC, key
        LIMIT $1`,
      [limit],
    );
  }

  /**
   * Per rate-limit bucket (ADR 0026): permits not yet expired; when it may
   * grant next (its next slice, or the permit that holds it at its limit
   * expiring), null when it may now; and `waitFrom`, the dispatch place from
   * which ready tasks find no permit for them now — what the bucket may
   * grant goes to the tasks before it. `waitFrom` is null when the bucket
   * has fewer ready tasks than that. Each bucket is read by a few index
   * probes, with the limit and period its oldest ready task carries.
   */
  async rateWindows(keys: readonly string[]): Promise<Map<string, RateWindow>> {
    if (keys.length === 0) return new Map();
    const bucket: BucketSql = { key: 'b.key', limit: 'h.rate_limit', periodMs: 'h.rate_period_ms', clock: 'now()' };
    const rows = await queryRows<{
      key: string;
      used: number;
      free: number;
      next_at: Date | null;
      wait_from: Date | null;
    }>(
      this.database.db,
      `SELECT b.key, w.used, w.free,
              CASE WHEN w.free = 0 THEN ${nextPermitAt(bucket, 'w.used')} END AS next_at,
              (SELECT t.dispatch_at FROM tasks t WHERE t.status = 'ready' AND t.rate_key = b.key
                ORDER BY t.dispatch_at OFFSET w.free LIMIT 1) AS wait_from
         FROM unnest($1::text[]) AS b(key)
         CROSS JOIN LATERAL (
           SELECT t.rate_limit, t.rate_period_ms FROM tasks t
            WHERE t.status = 'ready' AND t.rate_key = b.key ORDER BY t.dispatch_at LIMIT 1) h
         CROSS JOIN LATERAL (SELECT ${permitsUsed(bucket)}::int AS used, ${permitsFree(bucket)} AS free) w`,
      [keys],
    );
    return new Map(
      rows.map((row) => [row.key, { used: row.used, nextPermitAt: row.next_at, waitFrom: row.wait_from }]),
    );
  }

  /**
   * A tenant's place in the plain claim's fair share (ADR 0022, 0026): its
   * weighted part of a batch of `batchSize` among the tenants with ready
   * tasks (`share`), the dispatch place of its ready task just past that part
   * (`beyondShare`, null when it has no more than that ready), and how many
   * ready tasks the other tenants have, counted up to `batchSize`. Bounded
   * reads of ix_tasks_dispatch: a skip scan of the tenants, at most `share`
   * of the tenant's rows, at most two batches of the others'.
   */
  async tenantTurn(tenant: string, batchSize: number): Promise<TenantTurn> {
    const rows = await queryRows<{ share: number; beyond: Date | null; others: number }>(
      this.database.db,
      `${READY_TENANT_WEIGHTS},
       mine AS (
         SELECT least($2::int, greatest(1, ceil($2::float8
                  * coalesce((SELECT weight FROM weighted WHERE tenant = $1), 1)
                  / greatest(1, (SELECT sum(weight) FROM weighted)))))::int AS share)
       SELECT mine.share,
              (SELECT t.dispatch_at FROM tasks t
                WHERE t.status = 'ready' AND t.concurrency_key IS NULL AND t.rate_key IS NULL AND t.tenant = $1
                ORDER BY t.tenant, t.dispatch_at OFFSET mine.share LIMIT 1) AS beyond,
              ((SELECT count(*) FROM (SELECT 1 FROM tasks t
                 WHERE t.status = 'ready' AND t.concurrency_key IS NULL AND t.rate_key IS NULL AND t.tenant < $1
                 LIMIT $2) a)
               + (SELECT count(*) FROM (SELECT 1 FROM tasks t
                 WHERE t.status = 'ready' AND t.concurrency_key IS NULL AND t.rate_key IS NULL AND t.tenant > $1
                 LIMIT $2) b))::int AS others
         FROM mine`,
      [tenant, batchSize],
    );
    const row = rows[0]!;
    return { share: row.share, beyondShare: row.beyond, othersReady: Math.min(row.others, batchSize) };
  }

  /** Ready tasks whose rate-limit bucket has no permit left, summed over every bucket: no label per bucket. */
  async rateLimitedTasks(): Promise<number> {
    const rows = await queryRows<{ limited: number }>(
      this.database.db,
      `WITH waiting AS (
         SELECT rate_key AS key, count(*) AS n, min(rate_limit) AS lim FROM tasks
          WHERE status = 'ready' AND rate_key IS NOT NULL GROUP BY rate_key)
       SELECT coalesce(sum(w.n), 0)::int AS limited FROM waiting w
        WHERE (SELECT count(*) FROM rate_permits p WHERE p.key = w.key AND p.expires_at > now()) >= w.lim`,
    );
    return rows[0]?.limited ?? 0;
  }

  /**
   * The rate-limit buckets with the most permits used in their window (then
   * the most tasks waiting), at most `limit`: for the admin API.
   */
  async busiestRateKeys(
    limit: number,
  ): Promise<{ key: string; used: number; limit: number | null; periodMs: number | null; waiting: number }[]> {
    return queryRows(
      this.database.db,
      `WITH used AS (
         SELECT key, count(*)::int AS used FROM rate_permits WHERE expires_at > now() GROUP BY key),
       waiting AS (
         SELECT rate_key AS key, count(*)::int AS waiting, max(rate_limit) AS lim, max(rate_period_ms) AS period_ms
           FROM tasks WHERE status = 'ready' AND rate_key IS NOT NULL GROUP BY rate_key)
       SELECT coalesce(u.key, w.key) AS key, coalesce(u.used, 0) AS used, w.lim AS "limit",
              w.period_ms AS "periodMs", coalesce(w.waiting, 0) AS waiting
         FROM used u FULL JOIN waiting w ON w.key = u.key
        ORDER BY used DESC, waiting DESC, key
        LIMIT $1`,
      [limit],
    );
  }
}
