import type { Client } from 'pg';
import type { Cluster } from './cluster';
import { watchDeadTuples, type DeadTuples } from './dead-tuples';
import {
  fillHistory,
  HISTORY_DAYS,
  HISTORY_TABLES,
  historyRuns,
  lastFinishedAt,
  settleWrites,
  tableSizes,
  vacuumAnalyze,
  vacuumCounts,
  type FillResult,
  type HistoryTable,
  type Sizes,
} from './history';
import { fixedRate, throughput, type FixedRateResult, type PhaseContext, type ThroughputResult } from './phases';
import type { RawResult } from './raw-bullmq';
import { sleep } from './timing';
import { singleTask } from './workflows';

export const HISTORY_WORKFLOWS = [
  singleTask('bench-history'),
  singleTask('bench-noop-history'),
  singleTask('bench-rate-history'),
];

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;
/** The sweep deletes runs older than this: the older half of the history. */
const SWEEP_RETENTION_DAYS = HISTORY_DAYS / 2;
/** Longest wait for the sweeping router, and then for a vacuum of every history table. */
const SWEEP_TIMEOUT_MS = 30 * 60_000;
const VACUUM_WAIT_MS = 60_000;
const POLL_MS = 1_000;
/** ROUTER_VACUUM_DEAD_TUPLES' default and the share of rows added to it (table-statistics.repository.ts): what a vacuumed table may still hold. */
const ROUTER_VACUUM_DEAD_TUPLES = 10_000;
const ROUTER_VACUUM_DEAD_SHARE = 0.02;

export interface HistoryResult {
  tasks: number;
  fill: FillResult;
  /** VACUUM (ANALYZE) after the fill: what autovacuum would have done over the history's days. */
  fillVacuumSeconds: number;
  /** CHECKPOINT and the kernel's write-back after the fill (settleWrites). */
  settle: { seconds: number; dirtyMb: number };
  /** After the fill and its VACUUM (ANALYZE). */
  filled: Sizes;
  /**
   * Raw BullMQ again, right before `single`: the machine's speed at that
   * moment, which the single-task phase is judged against (ADR 0032).
   */
  raw: RawResult;
  single: ThroughputResult;
  fixedRate: FixedRateResult;
  deadTuples: DeadTuples;
  sweep: {
    /** Right before the sweep: the history and the phases' own runs. What the refill is compared with. */
    before: Sizes;
    retentionDays: number;
    deletedRuns: number;
    seconds: number;
    /** Right after the sweep, before any vacuum. */
    swept: Sizes;
    /** Who vacuumed all three tables after the sweep: the router (its dead-tuple vacuum), autovacuum, or the bench when neither did in time. */
    vacuumedBy: 'taskloom or autovacuum' | 'bench';
    vacuumSeconds: number;
    vacuumed: Sizes;
  };
  /** As many new finished tasks as the sweep deleted, then VACUUM (ANALYZE) as after the first fill. */
  refill: FillResult;
  refilled: Sizes;
}

/**
 * Issue 19: the hot path beside a long history, and retention without
 * bloat. Fills `tasks` finished tasks (history.ts), runs the single-task
 * and fixed-rate phases again, then lets a router with a short
 * RETENTION_DAYS sweep the older half, waits for the tables to be
 * vacuumed, and writes as many new finished tasks as were deleted: every
 * table and index should end about the size it had before the sweep.
 */
export async function historyPhases(
  ctx: PhaseContext,
  cluster: Cluster,
  databaseUrl: string,
  options: { historyTasks: number; historyPause: number; runs: number; rate: number; duration: number },
  measureRaw: () => Promise<RawResult>,
): Promise<HistoryResult> {
  const now = Date.now();
  ctx.progress.start(`history: filling ${options.historyTasks} finished tasks`);
  const fill = await fillHistory(
    databaseUrl,
    'bench-history',
    options.historyTasks,
    new Date(now - HISTORY_DAYS * DAY_MS),
    new Date(now - HOUR_MS),
    (done) => ctx.progress.update(`${done}/${options.historyTasks} tasks written`),
  );
  ctx.progress.start('history: VACUUM (ANALYZE)');
  const fillVacuumSeconds = await vacuumAnalyze(ctx.db);
  const filled = await tableSizes(ctx.db);
  ctx.progress.start('history: CHECKPOINT and write-back');
  const settle = await settleWrites(ctx.db);
  if (options.historyPause > 0) {
    ctx.progress.start(`history: idle for ${options.historyPause} s`);
    await sleep(options.historyPause * 1000);
  }

  ctx.progress.start('history: raw BullMQ again, for the machine speed beside the history');
  const raw = await measureRaw();
  ctx.assertAlive();
  ctx.progress.start(`history: e2e single-task, ${options.runs} runs beside ${fill.tasks} finished tasks`);
  const single = await throughput(ctx, 'bench-noop-history', options.runs, 1);
  ctx.progress.start(`history: fixed rate ${options.rate} runs/s for ${options.duration} s`);
  const [rate, deadTuples] = await watchDeadTuples(databaseUrl, () =>
    fixedRate(ctx, 'bench-rate-history', options.rate, options.duration),
  );

  ctx.progress.start(`history: retention sweep of runs older than ${SWEEP_RETENTION_DAYS} days`);
  const before = await historyRuns(ctx.db, 'bench-history');
  const beforeSweep = await tableSizes(ctx.db);
  const sweepStarted = performance.now();
  const vacuumsBefore = await vacuumCounts(ctx.db);
  await sweepOnce(cluster, ctx);
  const seconds = (performance.now() - sweepStarted) / 1000;
  const deletedRuns = before - (await historyRuns(ctx.db, 'bench-history'));
  const swept = await tableSizes(ctx.db);

  ctx.progress.start('history: waiting for the swept tables to be vacuumed');
  const vacuumStarted = performance.now();
  const vacuumedInTime = await waitForVacuum(ctx, vacuumsBefore);
  if (!vacuumedInTime) await ctx.db.query(`VACUUM ${HISTORY_TABLES.join(', ')}`);
  const vacuumSeconds = (performance.now() - vacuumStarted) / 1000;
  const vacuumed = await tableSizes(ctx.db);
  await recycleEmptiedIndexPages(ctx.db);

  const refillTasks = deletedRuns * (fill.tasks / Math.max(fill.runs, 1));
  ctx.progress.start(`history: refilling ${refillTasks} finished tasks`);
  // After every run so far, as new work comes: written in the middle of the recent runs it would split pages there.
  const refill = await fillHistory(
    databaseUrl,
    'bench-history',
    refillTasks,
    new Date((await lastFinishedAt(ctx.db)).getTime() + 1),
    new Date(),
    (done) => ctx.progress.update(`${done}/${refillTasks} tasks written`),
  );
  await vacuumAnalyze(ctx.db);
  return {
    tasks: options.historyTasks,
    fill,
    fillVacuumSeconds,
    settle,
    filled,
    raw,
    single,
    fixedRate: rate,
    deadTuples,
    sweep: {
      before: beforeSweep,
      retentionDays: SWEEP_RETENTION_DAYS,
      deletedRuns,
      seconds,
      swept,
      vacuumedBy: vacuumedInTime ? 'taskloom or autovacuum' : 'bench',
      vacuumSeconds,
      vacuumed,
    },
    refill,
    refilled: await tableSizes(ctx.db),
  };
}

/**
 * PostgreSQL reuses a B-tree page a VACUUM emptied only from a later
 * VACUUM on, once no transaction that began before the page was deleted
 * is left: the pages the sweep's last VACUUM emptied wait for the next
 * one, and a refill that came first would grow every index by them. The
 * refill stands for days of new runs, during which the routers vacuum
 * these tables many times; this one VACUUM stands for those. Taking a
 * transaction id first moves the horizon past the deletions even when
 * nothing else writes.
 */
async function recycleEmptiedIndexPages(db: Client): Promise<void> {
  await db.query('SELECT txid_current()');
  await db.query(`VACUUM ${HISTORY_TABLES.join(', ')}`);
}

/**
 * The real sweep (apps/router/src/retention.service.ts): a router started
 * with RETENTION_DAYS at half the history sweeps once at start, batch
 * after batch of RETENTION_BATCH_SIZE (its default), and logs what it
 * deleted; it is stopped as soon as it has.
 */
async function sweepOnce(cluster: Cluster, ctx: PhaseContext): Promise<void> {
  const router = cluster.extraRouter('router-retention', {
    RETENTION_DAYS: String(SWEEP_RETENTION_DAYS),
    RETENTION_INTERVAL_MS: String(DAY_MS),
  });
  try {
    await router.waitForLine(/retention: deleted \d+ run/, SWEEP_TIMEOUT_MS);
  } finally {
    await router.stop(5_000);
  }
  ctx.assertAlive();
}

/**
 * True once every history table has been vacuumed (by anyone) since the
 * sweep began and holds no more dead tuples than the routers' vacuum lets
 * pass (the cluster runs with ROUTER_VACUUM_DEAD_TUPLES' default); false
 * after VACUUM_WAIT_MS.
 */
async function waitForVacuum(ctx: PhaseContext, beforeSweep: Record<string, number>): Promise<boolean> {
  const deadline = performance.now() + VACUUM_WAIT_MS;
  while (performance.now() < deadline) {
    const [counts, sizes] = [await vacuumCounts(ctx.db), await tableSizes(ctx.db)];
    const clean = (table: HistoryTable) =>
      counts[table] > (beforeSweep[table] ?? 0) &&
      sizes[table].deadTuples <= ROUTER_VACUUM_DEAD_TUPLES + ROUTER_VACUUM_DEAD_SHARE * sizes[table].liveTuples;
    if (HISTORY_TABLES.every(clean)) return true;
    await sleep(POLL_MS);
  }
  return false;
}
