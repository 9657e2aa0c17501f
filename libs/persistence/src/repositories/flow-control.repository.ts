import { Injectable } from '@nestjs/common';
import { DatabasePool } from '../database-pool';
import { queryRows } from '../sql';

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
}
