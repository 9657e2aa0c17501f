import type { Client } from 'pg';
import { busyPercent, machineCpu } from './cpu';
import { cpuMsPerTask, type CpuTicks } from './cpu-ledger';
import { submitAll, submitAtRate, type HttpClient, type HttpAnswer, type StatusCounts } from './http-load';
import type { Progress } from './progress';
import { sqlPerRun, type SqlCounts, type SqlPerRun } from './sql-ledger';
import type { StatementStats, StatementsPerRun } from './statement-stats';
import { summarize, type LatencySummary } from './stats';
import { sleep } from './timing';

/** What every Taskloom phase needs: the api, a PostgreSQL connection to watch runs, and a liveness check. */
export interface PhaseContext {
  api: HttpClient;
  db: Client;
  connections: number;
  drainTimeoutMs: number;
  progress: Progress;
  assertAlive: () => void;
  /** CPU ticks so far of the apps, PostgreSQL, Redis and the bench (cpu-ledger.ts). */
  cpu: () => CpuTicks;
  /** Statements each app has sent so far, with --count-sql (sql-counter.ts). */
  sqlCounts?: () => Promise<SqlCounts>;
  /** PostgreSQL's statement counters, with --statement-stats (statement-stats.ts). */
  statements?: StatementStats;
}

export interface RunsOutcome {
  created: number;
  statuses: StatusCounts;
  samples: Record<string, string>;
  /** Runs that ended failed or cancelled: with core.noop there should be none. */
  unsuccessfulRuns: number;
  /** Machine CPU busy during the phase, %: near 100 means the numbers are CPU-bound on this box. */
  machineCpuBusy: number;
  /** CPU milliseconds per task each process (or server) spent in the phase: where the machine's time went. */
  cpuMsPerTask: Record<string, number>;
  /** Blocks the bench database read from outside shared_buffers per task (pg_stat_database.blks_read): the working set outgrowing the cache. */
  blocksReadPerTask: number;
  /** Runs that reached a terminal status. */
  ended: number;
  /** Not every created run ended: --drain-timeout passed, or no run ended for STALL_MS. */
  timedOut: boolean;
}

export interface ThroughputResult extends RunsOutcome {
  runs: number;
  tasksPerRun: number;
  submitSeconds: number;
  seconds: number;
  tasks: number;
  tasksPerSecond: number;
  dispatchMs: SqlLatency;
}

export interface FixedRateResult extends RunsOutcome {
  rate: number;
  duration: number;
  offered: number;
  maxSendLagMs: number;
  submissionMs: LatencySummary;
  dispatchMs: SqlLatency;
  runMs: SqlLatency;
  /** Phase start and end on the monotonic clock V8's CPU profiles use, µs: profile-summary.ts --window reads it. */
  monotonicWindowUs: [number, number];
  /** With --count-sql: statements per run of each app. */
  sqlPerRun?: SqlPerRun;
  /** With --statement-stats: what the statements cost PostgreSQL per run. */
  statementsPerRun?: StatementsPerRun;
}

export interface SqlLatency {
  count: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

/** Often enough that the end of a phase is known within a few milliseconds; each poll reads only the index of active runs. */
const POLL_MS = 20;
/** A phase that makes no progress this long is over: waiting out --drain-timeout would only burn the time budget. */
const STALL_MS = 20_000;

export async function registerWorkflow(api: HttpClient, definition: { name: string }): Promise<void> {
  const answer = await api.send('POST', '/api/v1/workflows', definition);
  if (answer.status !== 201 && answer.status !== 200)
    throw new Error(`registering ${definition.name} answered ${answer.status}: ${answer.body}`);
}

const startRun =
  (api: HttpClient, workflow: string) =>
  (i: number): Promise<HttpAnswer> =>
    api.send('POST', `/api/v1/workflows/${workflow}/runs`, { input: { i } });

/**
 * Throughput: submit `runs` runs as fast as the API takes them and time
 * from the first submit until every created run is terminal. Completion is
 * watched in PostgreSQL, not by polling runs over HTTP, which would add
 * load to the API being measured.
 */
export async function throughput(
  ctx: PhaseContext,
  workflow: string,
  runs: number,
  tasksPerRun: number,
): Promise<ThroughputResult> {
  const startedAt = performance.now();
  const cpuBefore = machineCpu();
  const ticksBefore = ctx.cpu();
  const blocksBefore = await blocksRead(ctx.db);
  let terminal = 0;
  const submitted = await submitAll(runs, ctx.connections, startRun(ctx.api, workflow), (done) =>
    ctx.progress.update(`${done}/${runs} submitted, ${terminal} done`),
  );
  const outcome = await waitForRuns(ctx, workflow, submitted.created, (count) => {
    terminal = count;
    ctx.progress.update(`${runs}/${runs} submitted, ${terminal} done`);
  });
  const machineCpuBusy = busyPercent(cpuBefore, machineCpu());
  const ticksAfter = ctx.cpu();
  const seconds = (outcome.endedAt - startedAt) / 1000;
  const blocks = (await blocksRead(ctx.db)) - blocksBefore;
  const tasks = await succeededTasks(ctx.db, workflow);
  return {
    runs,
    tasksPerRun,
    created: submitted.created,
    statuses: submitted.statuses,
    samples: submitted.samples,
    machineCpuBusy,
    cpuMsPerTask: cpuMsPerTask(ticksBefore, ticksAfter, tasks),
    blocksReadPerTask: blocks / tasks,
    ended: outcome.terminal,
    unsuccessfulRuns: outcome.unsuccessful,
    timedOut: outcome.timedOut,
    submitSeconds: submitted.seconds,
    seconds,
    tasks,
    tasksPerSecond: tasks / seconds,
    dispatchMs: await dispatchLatency(ctx.db, workflow),
  };
}

/** Latency at a fixed offered rate, then how long the accepted runs' tasks waited to start. */
export async function fixedRate(
  ctx: PhaseContext,
  workflow: string,
  rate: number,
  duration: number,
): Promise<FixedRateResult> {
  const offered = Math.round(rate * duration);
  const sqlBefore = await ctx.sqlCounts?.();
  const statementsBefore = await ctx.statements?.snapshot();
  const startedUs = monotonicUs();
  const cpuBefore = machineCpu();
  const ticksBefore = ctx.cpu();
  const blocksBefore = await blocksRead(ctx.db);
  const submitted = await submitAtRate(rate, duration, startRun(ctx.api, workflow), (sent) =>
    ctx.progress.update(`${sent}/${offered} sent`),
  );
  const outcome = await waitForRuns(ctx, workflow, submitted.created, (count) =>
    ctx.progress.update(`${count}/${submitted.created} runs done`),
  );
  const machineCpuBusy = busyPercent(cpuBefore, machineCpu());
  const ticksAfter = ctx.cpu();
  const endedUs = monotonicUs();
  const sqlAfter = await ctx.sqlCounts?.();
  const statementsAfter = await ctx.statements?.snapshot();
  const blocks = (await blocksRead(ctx.db)) - blocksBefore;
  return {
    rate,
    duration,
    offered,
    created: submitted.created,
    statuses: submitted.statuses,
    samples: submitted.samples,
    machineCpuBusy,
    cpuMsPerTask: cpuMsPerTask(ticksBefore, ticksAfter, submitted.created),
    blocksReadPerTask: blocks / submitted.created,
    ended: outcome.terminal,
    unsuccessfulRuns: outcome.unsuccessful,
    timedOut: outcome.timedOut,
    maxSendLagMs: submitted.maxSendLagMs,
    submissionMs: summarize(submitted.latenciesMs),
    dispatchMs: await dispatchLatency(ctx.db, workflow),
    runMs: await sqlLatency(
      ctx.db,
      `SELECT extract(epoch FROM finished_at - created_at) * 1000 AS ms FROM runs WHERE workflow_name = $1 AND finished_at IS NOT NULL`,
      workflow,
    ),
    monotonicWindowUs: [startedUs, endedUs],
    sqlPerRun: sqlBefore && sqlAfter ? sqlPerRun(sqlBefore, sqlAfter, submitted.created) : undefined,
    statementsPerRun:
      statementsBefore && statementsAfter
        ? ctx.statements?.perRun(statementsBefore, statementsAfter, submitted.created)
        : undefined,
  };
}

/** process.hrtime and V8's profile timestamps both read CLOCK_MONOTONIC, so a child's samples can be cut to a phase. */
const monotonicUs = (): number => Number(process.hrtime.bigint() / 1000n);

export async function waitForRuns(
  ctx: PhaseContext,
  workflow: string,
  expected: number,
  onProgress: (terminal: number) => void,
) {
  const deadline = performance.now() + ctx.drainTimeoutMs;
  let last = -1;
  let progressedAt = performance.now();
  for (;;) {
    // Counting only the runs still active reads the small partial index of active runs, so the
    // watching costs the system under test next to nothing however many runs have ended.
    const { rows } = await ctx.db.query<{ active: number }>(
      `SELECT count(*)::int AS active FROM runs WHERE status IN ('pending', 'running', 'paused') AND workflow_name = $1`,
      [workflow],
    );
    const now = performance.now();
    const terminal = expected - rows[0].active;
    onProgress(terminal);
    if (terminal >= expected)
      return { endedAt: now, terminal, unsuccessful: await unsuccessfulRuns(ctx.db, workflow), timedOut: false };
    if (terminal !== last) {
      last = terminal;
      progressedAt = now;
    }
    if (now > deadline || now - progressedAt > STALL_MS)
      return { endedAt: now, terminal, unsuccessful: await unsuccessfulRuns(ctx.db, workflow), timedOut: true };
    ctx.assertAlive();
    await sleep(POLL_MS);
  }
}

/**
 * Blocks read into shared_buffers so far by the bench database's backends.
 * This connection's own statistics (the previous phase's closing queries)
 * are flushed first, so they are not counted in the next phase.
 */
export async function blocksRead(db: Client): Promise<number> {
  await db.query('SELECT pg_stat_force_next_flush()');
  const { rows } = await db.query<{ n: string }>(
    `SELECT blks_read AS n FROM pg_stat_database WHERE datname = current_database()`,
  );
  return Number(rows[0].n);
}

async function unsuccessfulRuns(db: Client, workflow: string): Promise<number> {
  // The apps run without auth, so every run is tenant 'default'; naming it lets the count use the runs index.
  const { rows } = await db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM runs WHERE tenant = 'default' AND workflow_name = $1 AND status IN ('failed', 'cancelled')`,
    [workflow],
  );
  return rows[0].n;
}

async function succeededTasks(db: Client, workflow: string): Promise<number> {
  const { rows } = await db.query<{ count: number }>(
    `SELECT count(*)::int AS count FROM tasks t JOIN runs r ON r.id = t.run_id WHERE r.workflow_name = $1 AND t.status = 'succeeded'`,
    [workflow],
  );
  return rows[0].count;
}

/** Ready → started on an executor: router claim, addBulk, BullMQ pickup and the executor's start write. */
export function dispatchLatency(db: Client, workflow: string): Promise<SqlLatency> {
  return sqlLatency(
    db,
    `SELECT extract(epoch FROM t.started_at - t.available_at) * 1000 AS ms
       FROM tasks t JOIN runs r ON r.id = t.run_id
      WHERE r.workflow_name = $1 AND t.started_at IS NOT NULL`,
    workflow,
  );
}

/** Percentiles of the `ms` column of `select`, computed in PostgreSQL so the rows never travel to the bench. */
async function sqlLatency(db: Client, select: string, workflow: string): Promise<SqlLatency> {
  const { rows } = await db.query<{ count: number; p: number[] | null; max: number | null }>(
    `SELECT count(*)::int AS count,
            percentile_cont(ARRAY[0.5, 0.95, 0.99]) WITHIN GROUP (ORDER BY ms::float8) AS p,
            max(ms)::float8 AS max
       FROM (${select}) d`,
    [workflow],
  );
  const [p50, p95, p99] = rows[0].p ?? [Number.NaN, Number.NaN, Number.NaN];
  return { count: rows[0].count, p50, p95, p99, max: rows[0].max ?? Number.NaN };
}
