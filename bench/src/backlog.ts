import { submitBatches } from './bulk';
import type { HttpClient } from './http-load';
import type { PhaseContext } from './phases';
import { RssSampler, type RssSeries } from './rss-sampler';
import { sleep } from './timing';

const BATCH_SIZE = 1_000;
const FILL_WORKERS = 4;
const POLL_MS = 250;
/** Drain rates are compared over windows this long: shorter ones mostly show batching noise. */
const WINDOW_S = 5;
/** The drain may take as long as the tasks at this rate, on top of --drain-timeout. */
const SLOWEST_EXPECTED_TASKS_PER_S = 500;

export interface BacklogResult {
  tasks: number;
  created: number;
  refused: Record<string, number>;
  fillSeconds: number;
  /** Ready tasks counted once the fill was over, before the queues were resumed. */
  readyBeforeDrain: number;
  /** First start to last start after the queues were resumed. */
  drainSeconds: number;
  started: number;
  /** Tasks started per second over the whole drain. */
  tasksPerSecond: number;
  /** Over the first and the last tenth of the drain's windows, and the slowest window. */
  firstTenthPerSecond: number;
  lastTenthPerSecond: number;
  slowestWindowPerSecond: number;
  rss: Record<string, RssSeries>;
  unsuccessfulRuns: number;
  timedOut: boolean;
}

/**
 * A backlog of `tasks` ready single-task runs, then its drain. The core.noop
 * queues are paused through the admin API (the router stops feeding a paused
 * queue), the runs started in batches, and the queues resumed: from then on
 * the router claims from a ready set that starts `tasks` deep. Reported: the
 * dispatch rate over the drain (from `tasks.started_at`, read once at the
 * end) and every app's resident memory, sampled each second.
 */
export async function backlogDrain(
  ctx: PhaseContext,
  workflow: string,
  tasks: number,
  pids: ReadonlyMap<number, string>,
): Promise<BacklogResult> {
  const queues = await noopQueues(ctx.api);
  for (const queue of queues) await queueAction(ctx.api, queue, 'pause');
  let resumed = false;
  try {
    const fill = await submitBatches(ctx.api, workflow, tasks, BATCH_SIZE, FILL_WORKERS, (sent) =>
      ctx.progress.update(`filling: ${sent}/${tasks} submitted`),
    );
    const readyBeforeDrain = await countReady(ctx, workflow);
    const rss = new RssSampler(pids);
    let timedOut: boolean;
    let memory: Record<string, RssSeries>;
    const drainStart = new Date();
    try {
      for (const queue of queues) await queueAction(ctx.api, queue, 'resume');
      resumed = true;
      timedOut = await waitForDrain(ctx, workflow, fill.lastRunId, fill.created);
    } finally {
      memory = rss.stop();
    }
    const rates = await drainRates(ctx, workflow, drainStart);
    return {
      tasks,
      created: fill.created,
      refused: fill.refused,
      fillSeconds: fill.seconds,
      readyBeforeDrain,
      ...rates,
      rss: memory,
      unsuccessfulRuns: await unsuccessful(ctx, workflow),
      timedOut,
    };
  } finally {
    if (!resumed) for (const queue of queues) await queueAction(ctx.api, queue, 'resume').catch(() => undefined);
  }
}

async function noopQueues(api: HttpClient): Promise<string[]> {
  const answer = await api.send('GET', '/api/v1/admin/queues');
  if (answer.status !== 200) throw new Error(`GET /admin/queues answered ${answer.status}: ${answer.body}`);
  // core.noop is in the default pool (the bench sets no QUEUE_POOLS): one queue per partition.
  const names = (JSON.parse(answer.body) as { items: { name: string; pool: string }[] }).items
    .filter((queue) => queue.pool === 'default')
    .map((queue) => queue.name);
  if (names.length === 0) throw new Error('no default-pool queue to pause: the backlog would drain as it fills');
  return names;
}

async function queueAction(api: HttpClient, queue: string, action: 'pause' | 'resume'): Promise<void> {
  const answer = await api.send('POST', `/api/v1/admin/queues/${encodeURIComponent(queue)}/${action}`);
  if (answer.status !== 200) throw new Error(`${action} ${queue} answered ${answer.status}: ${answer.body}`);
}

async function countReady(ctx: PhaseContext, workflow: string): Promise<number> {
  const { rows } = await ctx.db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM tasks t JOIN runs r ON r.id = t.run_id
      WHERE r.workflow_name = $1 AND t.status = 'ready'`,
    [workflow],
  );
  return rows[0].n;
}

/**
 * Counting a million active runs many times a second would itself load
 * PostgreSQL: the last run created is watched instead (the backlog drains
 * roughly in creation order), then the few runs still active are counted.
 * True when the drain did not finish in time.
 */
async function waitForDrain(
  ctx: PhaseContext,
  workflow: string,
  lastRunId: string | undefined,
  created: number,
): Promise<boolean> {
  const deadline = performance.now() + ctx.drainTimeoutMs + (created / SLOWEST_EXPECTED_TASKS_PER_S) * 1000;
  let lastEnded = lastRunId === undefined;
  while (performance.now() < deadline) {
    ctx.assertAlive();
    if (!lastEnded) {
      const { rows } = await ctx.db.query<{ status: string }>('SELECT status FROM runs WHERE id = $1', [lastRunId]);
      lastEnded = !['pending', 'running', 'paused'].includes(rows[0]?.status ?? 'pending');
      ctx.progress.update(`draining ${created} tasks`);
    } else {
      const { rows } = await ctx.db.query<{ active: number }>(
        `SELECT count(*)::int AS active FROM runs WHERE status IN ('pending', 'running', 'paused') AND workflow_name = $1`,
        [workflow],
      );
      ctx.progress.update(`draining: ${rows[0].active} runs left`);
      if (rows[0].active === 0) return false;
    }
    await sleep(POLL_MS);
  }
  return true;
}

async function drainRates(ctx: PhaseContext, workflow: string, drainStart: Date) {
  const { rows } = await ctx.db.query<{ window: number; n: number }>(
    `SELECT floor(extract(epoch FROM t.started_at - $2::timestamptz) / $3)::int AS window, count(*)::int AS n
       FROM tasks t JOIN runs r ON r.id = t.run_id
      WHERE r.workflow_name = $1 AND t.started_at IS NOT NULL
      GROUP BY 1 ORDER BY 1`,
    [workflow, drainStart.toISOString(), WINDOW_S],
  );
  const { rows: span } = await ctx.db.query<{ seconds: number | null }>(
    `SELECT extract(epoch FROM max(t.started_at) - min(t.started_at))::float8 AS seconds
       FROM tasks t JOIN runs r ON r.id = t.run_id WHERE r.workflow_name = $1`,
    [workflow],
  );
  const started = rows.reduce((sum, row) => sum + row.n, 0);
  // Every window but the last, which the drain ends part of the way through.
  const full = rows.slice(0, -1).map((row) => row.n / WINDOW_S);
  const tenth = Math.max(1, Math.floor(full.length / 10));
  const mean = (part: number[]) => (part.length === 0 ? Number.NaN : part.reduce((a, b) => a + b, 0) / part.length);
  const drainSeconds = span[0].seconds ?? Number.NaN;
  return {
    drainSeconds,
    started,
    tasksPerSecond: started / drainSeconds,
    firstTenthPerSecond: mean(full.slice(0, tenth)),
    lastTenthPerSecond: mean(full.slice(-tenth)),
    slowestWindowPerSecond: full.length === 0 ? Number.NaN : Math.min(...full),
  };
}

async function unsuccessful(ctx: PhaseContext, workflow: string): Promise<number> {
  const { rows } = await ctx.db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM runs WHERE tenant = 'default' AND workflow_name = $1 AND status IN ('failed', 'cancelled')`,
    [workflow],
  );
  return rows[0].n;
}
