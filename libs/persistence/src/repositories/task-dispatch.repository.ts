import { Injectable } from '@nestjs/common';
import { DatabasePool } from '../database-pool';
import { DISPATCHABLE_RUN_STATUSES } from '@taskloom/engine';
import { signalReady } from '../ready-signal';
import { CONCURRENCY_LOCK_SPACE } from './advisory-lock-spaces';
import { claimRateLimited, type RateLimitedClaim } from './rate-limited-claim';
import { execute, queryRows, type Db } from '../sql';
import { toClaimedTask, type ClaimedTaskRow } from './claimed-task.row';
import { insertTasksStatement, type NewTaskRow } from './new-rows';
import { READY_TENANT_WEIGHTS } from './ready-tenants.sql';
import type { ClaimedTask } from './task.rows';
import { TransactionRunner, type OpeningRead, type UnitOptions } from '../transaction.runner';

/**
 * The planner settings a claimReady transaction is opened with
 * (TransactionRunner's `planner`). tasks is a queue table: its statistics
 * lag its churn, and a bitmap scan (the planner's pick for a table it thinks
 * is tiny) visits every dead index entry on every claim. A plain ordered
 * scan of ix_tasks_dispatch stops at the limit and marks dead entries so
 * later claims skip them. The fair and keyed claims still sort (window
 * functions, the batch's order), so their plans carry enable_sort's disable
 * cost; TransactionRunner turns JIT off, which that cost would otherwise
 * set off on every claim.
 */
export const CLAIM_PLANNER: Readonly<Record<string, string>> = { enable_bitmapscan: 'off', enable_sort: 'off' };

/** The predicates of the three partial indexes of ready tasks: plain, keyed (ADR 0022), rate-limited (ADR 0026). */
const READY_PLAIN = `status = 'ready' AND concurrency_key IS NULL AND rate_key IS NULL`;
const READY_KEYED = `status = 'ready' AND concurrency_key IS NOT NULL AND rate_key IS NULL`;
const READY_RATE_LIMITED = `status = 'ready' AND rate_key IS NOT NULL`;
const READY_INDEX_PREDICATES = [READY_PLAIN, READY_KEYED, READY_RATE_LIMITED];

/** Whether some ready task of one partial index matches `condition` (ANDed to the index's predicate): one probe. */
const readyExists = (predicate: string, condition = '') =>
  `EXISTS (SELECT 1 FROM tasks WHERE ${predicate}${condition})`;

/** Which of the keyed and rate-limited claims may find a task: some task of that kind is ready. */
export interface ReadyKinds {
  keyed: boolean;
  rateLimited: boolean;
}

/**
 * Read as a claim's transaction opens (TransactionRunner.runOpenedWith), so
 * a round with only plain tasks ready skips the keyed and rate-limited
 * claims: two round trips fewer, on the router and on PostgreSQL. Each is
 * one probe of its partial index. A task that becomes ready after this read
 * is announced by its own notification, which wakes another round, as it
 * would after any of the claims' statements.
 */
export const READY_KINDS: OpeningRead<ReadyKinds> = {
  sql: `SELECT ${readyExists(READY_KEYED)} AS keyed, ${readyExists(READY_RATE_LIMITED)} AS rate_limited`,
  // Anything but a clear "none" runs the claim.
  parse: (rows) => ({ keyed: rows[0]?.keyed !== false, rateLimited: rows[0]?.rate_limited !== false }),
};

/**
 * Ready tasks, the three partial indexes (plain, keyed, rate-limited) counted: ix_tasks_dispatch alone covers only
 * the plain ones.
 */
export const COUNT_READY = `(${READY_INDEX_PREDICATES.map((predicate) => `(SELECT count(*) FROM tasks WHERE ${predicate})`).join(' + ')})`;

/** Whether some ready task in any of the three partial indexes matches `condition` (ANDed to the index's predicate). */
const anyReady = (condition: string) =>
  READY_INDEX_PREDICATES.map((predicate) => readyExists(predicate, condition)).join(' OR ');

/** The dispatcher's probe (readiness): some ready task is due; some task is ready at all. */
const READINESS = `SELECT ${anyReady(' AND available_at <= now()')} AS due, ${anyReady('')} AS ready`;

/**
 * The plain claim with tenant fair share (ADR 0022). Tenants with ready
 * tasks are found by a skip scan of ix_tasks_dispatch (tenant, dispatch_at):
 * one probe per tenant, however deep its backlog. Each offers at most
 * its share of its oldest tasks — twice its weighted part of the batch (so
 * the batch fills when some tenants have little), at least one, never more
 * than all of it — locked as they are read: about two batches' rows are
 * read and locked, however many tenants wait. The batch then takes them by class (highest first), then by
 * turn: a tenant's n-th task of a class comes at n / weight, so weight 2
 * gets two turns to weight 1's one; ties by dispatch order. With a single
 * tenant this is the plain ordered scan it always was. The run is read by
 * per-row lookups on its primary key, not a join, so each tenant's scan
 * follows the index in order and stops at its share.
 */
const CLAIM_FAIR_SHARE = `
  ${READY_TENANT_WEIGHTS},
  found AS MATERIALIZED (
    SELECT tenant, weight,
           least($1::int, greatest(1, ceil(2 * $1::float8 * weight / sum(weight) OVER ())))::int AS share
      FROM weighted),
  offered AS (
    SELECT c.*, found.weight, found.share,
           row_number() OVER (PARTITION BY c.tenant, c.priority ORDER BY c.dispatch_at) AS turn,
           count(*) OVER (PARTITION BY c.tenant) AS offered
      FROM found CROSS JOIN LATERAL (
        SELECT t.id, t.tenant, t.priority, t.dispatch_at,
               (SELECT r.traceparent FROM runs r WHERE r.id = t.run_id) AS traceparent,
               (SELECT r.definition_id FROM runs r WHERE r.id = t.run_id) AS definition_id
          FROM tasks t
         WHERE t.status = 'ready' AND t.concurrency_key IS NULL AND t.rate_key IS NULL AND t.tenant = found.tenant
           AND t.available_at <= now() AND t.queue <> ALL($2::text[])
           AND (SELECT r.status FROM runs r WHERE r.id = t.run_id) = ANY($3::text[])
         ORDER BY t.dispatch_at
         LIMIT found.share
         FOR UPDATE OF t SKIP LOCKED) c),
  claimed AS (
    SELECT id, traceparent, definition_id FROM offered
     ORDER BY priority DESC, turn::float8 / weight, dispatch_at
     LIMIT $1)
  UPDATE tasks t SET status = 'queued', queued_at = now()
    FROM claimed WHERE t.id = claimed.id
  RETURNING t.id, t.run_id, t.key, t.type, t.attempt, t.max_attempts, t.input, t.timeout_ms, t.retry,
            t.priority, t.queue, t.available_at, t.dispatch_at, claimed.traceparent, claimed.definition_id,
            (SELECT bool_or(o.offered >= o.share) FROM offered o) AS more`;

/**
 * Keys with ready tasks and a free slot, their oldest head first (at most
 * $1), each locked for this transaction. The keys are enumerated by a
 * skip scan of ix_tasks_keyed_ready (one probe per distinct key, however
 * many tasks wait under each). The locks are taken in the outer query over
 * a materialised list, so only the keys returned are locked.
 */
const LOCK_OPEN_KEYS = `
  WITH RECURSIVE keys(k) AS (
    (SELECT concurrency_key FROM tasks WHERE status = 'ready' AND concurrency_key IS NOT NULL AND rate_key IS NULL
      ORDER BY concurrency_key LIMIT 1)
    UNION ALL
    SELECT (SELECT t.concurrency_key FROM tasks t
             WHERE t.status = 'ready' AND t.concurrency_key IS NOT NULL AND t.rate_key IS NULL AND t.concurrency_key > keys.k
             ORDER BY t.concurrency_key LIMIT 1)
      FROM keys WHERE keys.k IS NOT NULL),
  heads AS MATERIALIZED (
    SELECT keys.k, h.dispatch_at, h.concurrency_limit,
           (SELECT count(*) FROM tasks x WHERE x.concurrency_key = keys.k AND x.status IN ('queued', 'running')) AS held
      FROM keys CROSS JOIN LATERAL (
        SELECT t.dispatch_at, t.concurrency_limit FROM tasks t
         WHERE t.status = 'ready' AND t.concurrency_key = keys.k AND t.rate_key IS NULL AND t.available_at <= now()
         ORDER BY t.dispatch_at LIMIT 1) h
     WHERE keys.k IS NOT NULL),
  open AS MATERIALIZED (SELECT k, dispatch_at FROM heads WHERE held < concurrency_limit ORDER BY dispatch_at LIMIT $1)
  SELECT k AS key FROM open WHERE pg_try_advisory_xact_lock($2::int, hashtext(k)) ORDER BY dispatch_at`;

/** Under the keys' locks: each key's free slots counted afresh, then its ready tasks claimed in dispatch order. */
const CLAIM_KEYED = `
  WITH room AS (
    SELECT k.key,
           greatest(0, (SELECT t.concurrency_limit FROM tasks t
                         WHERE t.status = 'ready' AND t.concurrency_key = k.key AND t.rate_key IS NULL
                         ORDER BY t.dispatch_at LIMIT 1)
                       - (SELECT count(*) FROM tasks x
                           WHERE x.concurrency_key = k.key AND x.status IN ('queued', 'running')))::int AS free
      FROM unnest($1::text[]) AS k(key)),
  claimed AS (
    SELECT c.id, c.traceparent, c.definition_id, c.dispatch_at
      FROM room CROSS JOIN LATERAL (
        SELECT t.id, t.dispatch_at, (SELECT r.traceparent FROM runs r WHERE r.id = t.run_id) AS traceparent,
               (SELECT r.definition_id FROM runs r WHERE r.id = t.run_id) AS definition_id
          FROM tasks t
         WHERE t.status = 'ready' AND t.concurrency_key = room.key AND t.rate_key IS NULL AND t.available_at <= now()
           AND t.queue <> ALL($2::text[])
           AND (SELECT r.status FROM runs r WHERE r.id = t.run_id) = ANY($3::text[])
         ORDER BY t.dispatch_at
         LIMIT room.free
         FOR UPDATE OF t SKIP LOCKED) c
     ORDER BY c.dispatch_at
     LIMIT $4)
  UPDATE tasks t SET status = 'queued', queued_at = now()
    FROM claimed WHERE t.id = claimed.id
  RETURNING t.id, t.run_id, t.key, t.type, t.attempt, t.max_attempts, t.input, t.timeout_ms, t.retry,
            t.priority, t.queue, t.available_at, t.dispatch_at, claimed.traceparent, claimed.definition_id`;

type FairClaimRow = ClaimedTaskRow & { dispatch_at: Date; more: boolean };

function fairClaimOf(rows: FairClaimRow[], limit: number): { tasks: ClaimedTask[]; more: boolean } {
  // RETURNING keeps no order; the queue must receive the batch in dispatch order.
  const tasks = rows.sort((a, b) => a.dispatch_at.getTime() - b.dispatch_at.getTime()).map(toClaimedTask);
  return { tasks, more: rows.length >= limit || rows.some((row) => row.more) };
}

/**
 * Dispatch: tasks enter the table, the router claims the ready ones for the
 * queue, and a task whose queue job was removed goes back to 'ready'. Every
 * transition is one conditional UPDATE naming the state it expects, so a
 * stale or repeated writer changes nothing (DESIGN invariant 2).
 */
@Injectable()
export class TaskDispatchRepository {
  constructor(
    private readonly database: DatabasePool,
    private readonly transactions: TransactionRunner,
  ) {}

  /**
   * insertTasks — all rows in one statement, whatever their number (arrays,
   * not one parameter per value), with the ready signal when one is ready.
   */
  async insertTasks(db: Db, rows: readonly NewTaskRow[]): Promise<void> {
    if (rows.length === 0) return;
    const statement = insertTasksStatement(rows);
    await execute(db, signalReady(`${statement.text} RETURNING id`), statement.params);
  }

  /**
   * claimReady — inputs: batch size, queues not to feed (saturated).
   * Preconditions: status 'ready', available now, run neither paused nor ended.
   * Rows another router holds are skipped (SKIP LOCKED), so concurrent
   * routers never claim the same row. Effect: the rows become 'queued'.
   * Tenants share the batch (CLAIM_FAIR_SHARE): each tenant with ready
   * tasks offers its head in dispatch order (priority head start, then
   * age), and the batch takes, class by class, turns from each tenant in
   * proportion to its weight. Outputs: the claimed rows in dispatch order,
   * and whether a tenant had more than it offered (claim again at once).
   * Its transaction is opened with CLAIM_PLANNER. Tasks with a concurrency
   * key are not in ix_tasks_dispatch and are left to claimKeyed.
   */
  async claimReady(db: Db, limit: number, excludedQueues: readonly string[]): Promise<ClaimedTask[]> {
    return (await this.claimFairly(db, limit, excludedQueues)).tasks;
  }

  /** claimReady, with whether some tenant has more ready tasks than this claim looked at. */
  async claimFairly(
    db: Db,
    limit: number,
    excludedQueues: readonly string[],
  ): Promise<{ tasks: ClaimedTask[]; more: boolean }> {
    const rows = await queryRows<FairClaimRow>(db, CLAIM_FAIR_SHARE, [
      limit,
      excludedQueues,
      DISPATCHABLE_RUN_STATUSES,
    ]);
    return fairClaimOf(rows, limit);
  }

  /**
   * claimFairly as a unit of its own, opened with READY_KINDS, in one round
   * trip (TransactionRunner.runInOneTrip, ADR 0040): for a router whose
   * rounds find only plain tasks ready. Same effect and outputs, and which
   * other kinds of task were ready as it opened.
   */
  async claimFairlyInOneTrip(
    limit: number,
    excludedQueues: readonly string[],
    options: UnitOptions,
  ): Promise<{ tasks: ClaimedTask[]; more: boolean; ready: ReadyKinds }> {
    const { answer, rows } = await this.transactions.runInOneTrip<ReadyKinds, FairClaimRow>(
      READY_KINDS,
      {
        text: CLAIM_FAIR_SHARE,
        types: ['int', 'text[]', 'text[]'],
        params: [limit, excludedQueues, DISPATCHABLE_RUN_STATUSES],
      },
      options,
    );
    return { ...fairClaimOf(rows, limit), ready: answer };
  }

  /**
   * claimKeyed — the claim for tasks with a concurrency key (ADR 0022); same
   * inputs, effect and order as claimReady, and at most `limit` rows. A
   * key's slots are held by its 'queued' and 'running' tasks, counted here,
   * and its limit is the one its oldest ready task carries. Two statements:
   * the first picks keys with a free slot, oldest head first, and takes
   * each one's transaction-scoped advisory lock (try: a key another router
   * is claiming is left to it); the second, under those locks, counts each
   * key's holders afresh and claims up to its free slots. The second
   * statement's snapshot is taken after the locks, so it sees every claim
   * committed by the router that held a key before: no two claims exceed a
   * limit. Holders only ever leave outside the lock, which frees slots.
   */
  async claimKeyed(db: Db, limit: number, excludedQueues: readonly string[]): Promise<ClaimedTask[]> {
    const keys = await queryRows<{ key: string }>(db, LOCK_OPEN_KEYS, [limit, CONCURRENCY_LOCK_SPACE]);
    if (keys.length === 0) return [];
    const rows = await queryRows<ClaimedTaskRow & { dispatch_at: Date }>(db, CLAIM_KEYED, [
      keys.map((row) => row.key),
      excludedQueues,
      DISPATCHABLE_RUN_STATUSES,
      limit,
    ]);
    return rows.sort((a, b) => a.dispatch_at.getTime() - b.dispatch_at.getTime()).map(toClaimedTask);
  }

  /**
   * claimRateLimited — the claim for tasks with a rate limit (ADR 0026); same
   * inputs, effect and order as claimReady, at most `limit` rows, and when
   * the earliest exhausted bucket gets its next permit (the router sets a
   * timer for it). A permit is written for every task claimed.
   */
  claimRateLimited(db: Db, limit: number, excludedQueues: readonly string[]): Promise<RateLimitedClaim> {
    return claimRateLimited(db, limit, excludedQueues);
  }

  /**
   * returnToReady — inputs: (task id, attempt) of tasks whose queue job was
   * removed (an admin drain). Precondition: still 'queued' at that attempt.
   * Effect: 'ready' again at the same attempt, keeping its place in dispatch
   * order. Outputs: the ids returned.
   */
  async returnToReady(db: Db, entries: readonly { taskId: string; attempt: number }[]): Promise<string[]> {
    if (entries.length === 0) return [];
    const rows = await queryRows<{ id: string }>(
      db,
      `UPDATE tasks t SET status = 'ready', queued_at = NULL
         FROM unnest($1::uuid[], $2::int[]) AS e(id, attempt)
        WHERE t.id = e.id AND t.attempt = e.attempt AND t.status = 'queued'
        RETURNING t.id`,
      [entries.map((e) => e.taskId), entries.map((e) => e.attempt)],
    );
    return rows.map((row) => row.id);
  }

  /**
   * readiness — for the dispatcher's probe, in one statement and no
   * transaction: whether some ready task's time has come (a claim could
   * take it, unless its queue is saturated, its key full or its bucket
   * spent), and whether any task is ready at all, due or still backing off
   * after a failure. Each EXISTS reads one partial index (plain, keyed,
   * rate-limited: each predicate is its index's).
   */
  async readiness(): Promise<{ due: boolean; ready: boolean }> {
    const rows = await queryRows<{ due: boolean; ready: boolean }>(this.database.db, READINESS);
    return { due: rows[0]?.due ?? false, ready: rows[0]?.ready ?? false };
  }

  /** Tasks waiting to run: ready in PostgreSQL or queued in Redis. Each count reads its own partial index. */
  async countBacklog(): Promise<number> {
    const rows = await queryRows<{ backlog: number }>(
      this.database.db,
      `SELECT ${COUNT_READY} + (SELECT count(*) FROM tasks WHERE status = 'queued') AS backlog`,
    );
    return Number(rows[0]?.backlog ?? 0);
  }
}
