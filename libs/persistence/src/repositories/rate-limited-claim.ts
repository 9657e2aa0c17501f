import { DISPATCHABLE_RUN_STATUSES } from '@taskloom/engine';
import { queryRows, type Db } from '../sql';
import { CONCURRENCY_LOCK_SPACE, RATE_LOCK_SPACE } from './advisory-lock-spaces';
import { toClaimedTask, type ClaimedTaskRow } from './claimed-task.row';
import { nextPermitAt, permitsFree, permitsUsed, type BucketSql } from './rate-window.sql';
import type { ClaimedTask } from './task.rows';

/** Expired permits deleted per claim, at most: enough to keep up, few enough to keep the claim short. */
const PRUNE_BATCH = 1000;

const HEAD: BucketSql = {
  key: 'keys.k',
  limit: 'h.rate_limit',
  periodMs: 'h.rate_period_ms',
  clock: 'clock_timestamp()',
};

/**
 * Buckets with ready tasks, the permits each has used in its window (those
 * not yet expired) and may grant now, and each one's limit and period as its
 * oldest ready task carries them. A skip scan of ix_tasks_rate_ready: one
 * probe per bucket, however many tasks wait.
 */
const BUCKET_HEADS = `
  WITH RECURSIVE keys(k) AS (
    (SELECT rate_key FROM tasks WHERE status = 'ready' AND rate_key IS NOT NULL ORDER BY rate_key LIMIT 1)
    UNION ALL
    SELECT (SELECT t.rate_key FROM tasks t
             WHERE t.status = 'ready' AND t.rate_key IS NOT NULL AND t.rate_key > keys.k
             ORDER BY t.rate_key LIMIT 1)
      FROM keys WHERE keys.k IS NOT NULL),
  heads AS MATERIALIZED (
    SELECT keys.k, h.dispatch_at, h.rate_limit, h.rate_period_ms, ${permitsUsed(HEAD)} AS used,
           ${permitsFree(HEAD)} AS free
      FROM keys CROSS JOIN LATERAL (
        SELECT t.dispatch_at, t.rate_limit, t.rate_period_ms FROM tasks t
         WHERE t.status = 'ready' AND t.rate_key = keys.k AND t.available_at <= now()
         ORDER BY t.dispatch_at LIMIT 1) h
     WHERE keys.k IS NOT NULL)`;

/**
 * Buckets that may grant now, oldest head first (at most $1), each locked
 * for this transaction (try: a bucket another router is claiming is left to
 * it); and one row saying whether some bucket with ready tasks may not.
 */
const LOCK_OPEN_BUCKETS = `${BUCKET_HEADS},
  open AS MATERIALIZED (SELECT k, dispatch_at FROM heads WHERE free > 0 ORDER BY dispatch_at LIMIT $1)
  SELECT k AS key, false AS exhausted FROM open WHERE pg_try_advisory_xact_lock($2::int, hashtext(k))
  UNION ALL
  SELECT NULL, true WHERE EXISTS (SELECT 1 FROM heads WHERE free = 0)`;

/** A locked bucket, as the statements under the locks read it. */
const LOCKED = { key: 'b.key', limit: 'h.rate_limit', periodMs: 'h.rate_period_ms' };

/**
 * The CTE body of each locked bucket ($1) with its permits free at `clock`,
 * the limit and period read from its first ready task.
 */
function bucketRoom(clock: string): string {
  return `SELECT b.key, ${permitsFree({ ...LOCKED, clock })} AS free
      FROM unnest($1::text[]) AS b(key) CROSS JOIN LATERAL (
        SELECT t.rate_limit, t.rate_period_ms FROM tasks t
         WHERE t.status = 'ready' AND t.rate_key = b.key ORDER BY t.dispatch_at LIMIT 1) h`;
}

/**
 * Under the buckets' locks (a snapshot taken after them): the concurrency
 * keys of the tasks each bucket could send now, each locked like the keyed
 * claim locks it, so a task with both a rate limit and a concurrency key
 * respects both.
 */
const LOCK_CANDIDATE_SLOTS = `
  WITH room AS (
    ${bucketRoom('clock_timestamp()')}),
  slots AS MATERIALIZED (
    SELECT DISTINCT c.concurrency_key AS k FROM room CROSS JOIN LATERAL (
      SELECT t.concurrency_key FROM tasks t
       WHERE t.status = 'ready' AND t.rate_key = room.key AND t.available_at <= now()
       ORDER BY t.dispatch_at LIMIT room.free) c
     WHERE c.concurrency_key IS NOT NULL)
  SELECT k AS key FROM slots WHERE pg_try_advisory_xact_lock($2::int, hashtext(k))`;

/**
 * Under the locks: each bucket's permits left, counted afresh at one clock
 * reading; its ready tasks claimed in dispatch order up to them (a task
 * with a concurrency key only if that key is locked here and has a free
 * slot, and no more per key than its free slots); a permit written for each
 * claimed task, expiring a period after that clock reading, which is also
 * the task's queued_at (its dispatch time is its permit's); and expired
 * permits of any bucket deleted, a bounded batch (SKIP LOCKED: two claims
 * never wait for each other's deletes).
 */
const CLAIM_RATE_LIMITED = `
  WITH clock AS MATERIALIZED (SELECT clock_timestamp() AS at),
  room AS MATERIALIZED (
    ${bucketRoom('(SELECT at FROM clock)')}),
  slots AS MATERIALIZED (
    SELECT s.key,
           greatest(0, (SELECT t.concurrency_limit FROM tasks t
                         WHERE t.status = 'ready' AND t.concurrency_key = s.key ORDER BY t.dispatch_at LIMIT 1)
                       - (SELECT count(*) FROM tasks x
                           WHERE x.concurrency_key = s.key AND x.status IN ('queued', 'running')))::int AS free
      FROM unnest($2::text[]) AS s(key)),
  offered AS (
    SELECT c.*, row_number() OVER (PARTITION BY c.concurrency_key ORDER BY c.dispatch_at) AS slot
      FROM room CROSS JOIN LATERAL (
        SELECT t.id, t.rate_key, t.concurrency_key, t.dispatch_at,
               (SELECT r.traceparent FROM runs r WHERE r.id = t.run_id) AS traceparent,
               (SELECT r.definition_id FROM runs r WHERE r.id = t.run_id) AS definition_id
          FROM tasks t
         WHERE t.status = 'ready' AND t.rate_key = room.key AND t.available_at <= now()
           AND t.queue <> ALL($3::text[])
           AND (SELECT r.status FROM runs r WHERE r.id = t.run_id) = ANY($4::text[])
           AND (t.concurrency_key IS NULL OR t.concurrency_key IN (SELECT key FROM slots WHERE free > 0))
         ORDER BY t.dispatch_at
         LIMIT room.free
         FOR UPDATE OF t SKIP LOCKED) c),
  claimed AS (
    SELECT o.id, o.traceparent, o.definition_id FROM offered o
     WHERE o.concurrency_key IS NULL OR o.slot <= (SELECT s.free FROM slots s WHERE s.key = o.concurrency_key)
     ORDER BY o.dispatch_at
     LIMIT $5),
  queued AS (
    UPDATE tasks t SET status = 'queued', queued_at = (SELECT at FROM clock)
      FROM claimed WHERE t.id = claimed.id
    RETURNING t.id, t.run_id, t.key, t.type, t.attempt, t.max_attempts, t.input, t.timeout_ms, t.retry,
              t.priority, t.queue, t.available_at, t.dispatch_at, claimed.traceparent, claimed.definition_id,
              t.rate_key, t.rate_period_ms),
  granted AS (
    INSERT INTO rate_permits (key, expires_at)
    SELECT queued.rate_key, clock.at + queued.rate_period_ms * interval '1 millisecond' FROM queued, clock),
  expired AS (
    DELETE FROM rate_permits WHERE id IN (
      SELECT p.id FROM rate_permits p, clock WHERE p.expires_at <= clock.at
       LIMIT ${PRUNE_BATCH} FOR UPDATE OF p SKIP LOCKED))
  SELECT * FROM queued`;

/**
 * In how many milliseconds the earliest bucket that has ready tasks but may
 * not grant now may grant again (its next slice, or a permit expiring).
 */
const NEXT_PERMIT = `${BUCKET_HEADS}
  SELECT greatest(0, ceil(extract(epoch FROM min(${nextPermitAt(
    { key: 'heads.k', limit: 'heads.rate_limit', periodMs: 'heads.rate_period_ms', clock: 'clock_timestamp()' },
    'heads.used',
  )}) - clock_timestamp()) * 1000))::int AS in_ms
    FROM heads WHERE heads.free = 0`;

/** What one rate-limited claim gave: the tasks, and when a bucket now out of permits gets its next one. */
export interface RateLimitedClaim {
  tasks: ClaimedTask[];
  /** Milliseconds until the earliest bucket with ready tasks that may not grant now may; null: none such. */
  nextPermitInMs: number | null;
}

/**
 * The claim for rate-limited tasks (ADR 0026), inside the claim's
 * transaction: lock the buckets with permits left, then (in statements whose
 * snapshots follow the locks) the concurrency keys among their candidates,
 * then claim, write the permits and prune. Serialised per bucket, each claim
 * counts every permit an earlier claim of that bucket committed, at a later
 * clock reading: no window of a bucket's period ever holds more than its
 * limit of permits. A bucket grants its window in slices (RATE_SLICES).
 */
export async function claimRateLimited(
  db: Db,
  limit: number,
  excludedQueues: readonly string[],
): Promise<RateLimitedClaim> {
  const buckets = await queryRows<{ key: string | null; exhausted: boolean }>(db, LOCK_OPEN_BUCKETS, [
    limit,
    RATE_LOCK_SPACE,
  ]);
  const open = buckets.flatMap((row) => (row.key === null ? [] : [row.key]));
  let tasks: ClaimedTask[] = [];
  if (open.length > 0) {
    const slots = await queryRows<{ key: string }>(db, LOCK_CANDIDATE_SLOTS, [open, CONCURRENCY_LOCK_SPACE]);
    const rows = await queryRows<ClaimedTaskRow & { dispatch_at: Date }>(db, CLAIM_RATE_LIMITED, [
      open,
      slots.map((row) => row.key),
      excludedQueues,
      DISPATCHABLE_RUN_STATUSES,
      limit,
    ]);
    tasks = rows.sort((a, b) => a.dispatch_at.getTime() - b.dispatch_at.getTime()).map(toClaimedTask);
  }
  // Claiming may exhaust a bucket, so the next permit is looked up whenever some bucket was open or exhausted.
  if (buckets.length === 0) return { tasks, nextPermitInMs: null };
  const next = await queryRows<{ in_ms: number | null }>(db, NEXT_PERMIT);
  return { tasks, nextPermitInMs: next[0]?.in_ms ?? null };
}
