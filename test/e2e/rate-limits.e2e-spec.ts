import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Cluster } from '../support/cluster';
import { fullestWindow, startRun, taskOf, type RunView, type TaskView } from '../support/flow-control';

const ROOT = path.resolve(__dirname, '../..');
/** The task type default the test plugin declares: 5 a second, one bucket for the type across tenants. */
const TYPE_LIMIT = 5;

/** A plugin whose one task type declares a default rate limit through the SDK, as built JavaScript. */
async function writeRateLimitedPlugin(dir: string): Promise<string> {
  const file = path.join(dir, 'rate-limited.js');
  await writeFile(
    file,
    `const { definePlugin, defineTask, z } = require(${JSON.stringify(path.join(ROOT, 'libs/sdk/dist/index.js'))});
const json = z.record(z.string(), z.json());
module.exports = definePlugin({
  name: 'limited',
  version: '1.0.0',
  tasks: [
    defineTask({ type: 'limited.call', description: 'returns its input', input: json, output: json,
                 rateLimit: { limit: ${TYPE_LIMIT}, periodMs: 1000 }, run: (input) => input }),
  ],
});
`,
  );
  return file;
}

/** The items of a run's forEach task `call`, as GET /runs/{id} lists them. */
async function itemsOf(cluster: Cluster, runId: string): Promise<TaskView[]> {
  const view = (await cluster.api.get<RunView>(`/api/v1/runs/${runId}`)).body;
  return (taskOf(view, 'call') as TaskView & { items?: TaskView[] }).items ?? [];
}

/** When each item of the run was dispatched (its permit's time) and when its succeeded attempt started, in ms. */
interface ItemTimes {
  dispatched: number[];
  started: number[];
  /** Latest less earliest delay from dispatch to start: how far the executors can shift a start. */
  startSpreadMs: number;
}

async function itemTimes(cluster: Cluster, runId: string): Promise<ItemTimes> {
  const rows = await cluster.sql<{ queued: Date; started: Date }>(
    `SELECT t.queued_at AS queued, a.started_at AS started FROM task_attempts a JOIN tasks t ON t.id = a.task_id
      WHERE t.run_id = $1 AND t.kind = 'item' AND a.status = 'succeeded'`,
    [runId],
  );
  const delays = rows.map((row) => row.started.getTime() - row.queued.getTime());
  return {
    dispatched: rows.map((row) => row.queued.getTime()).sort((a, b) => a - b),
    started: rows.map((row) => row.started.getTime()).sort((a, b) => a - b),
    startSpreadMs: Math.max(...delays) - Math.min(...delays),
  };
}

/**
 * The limit holds exactly where it is enforced, at dispatch: no window of the
 * period holds more dispatches than the limit. At the executors each start
 * lags its dispatch by a delay that varies, so the same bound holds for the
 * starts over a window shorter by that variation (a start window of
 * `period - spread` maps into a dispatch window of `period`). A loaded
 * executor can delay one start by a period or more while the limit was kept;
 * then no start window maps into a dispatch window and the starts say nothing
 * about the limit, so only the dispatch check applies.
 */
function expectWithinLimit(times: ItemTimes, limit: number, periodMs: number): void {
  expect(fullestWindow(times.dispatched, periodMs)).toBeLessThanOrEqual(limit);
  if (times.startSpreadMs < periodMs) {
    expect(fullestWindow(times.started, periodMs - times.startSpreadMs)).toBeLessThanOrEqual(limit);
  }
}

/**
 * DESIGN §10 rate limits on real processes: two routers and two executors
 * share one PostgreSQL and Redis. The rate is measured from the dispatch and
 * start times PostgreSQL recorded, not from the code under test.
 */
describe('rate limits across two routers and two executors', () => {
  let dir: string;
  let cluster: Cluster;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'taskloom-rate-limits-'));
    const plugin = await writeRateLimitedPlugin(dir);
    cluster = await Cluster.start('e2e-rate', {
      PLUGINS: `@taskloom/plugin-core,${plugin}`,
      ROUTER_BATCH_SIZE: '50',
    });
    await Promise.all([cluster.startRouter(), cluster.startExecutor()]);
    await cluster.api.post('/api/v1/workflows', {
      name: 'per-account',
      tasks: [
        {
          key: 'call',
          type: 'core.noop',
          forEach: '{{ run.input.items }}',
          rateLimit: { key: '{{ run.input.account }}', limit: 10, periodMs: 1000 },
        },
      ],
    });
    await cluster.api.post('/api/v1/workflows', {
      name: 'type-default',
      tasks: [{ key: 'call', type: 'limited.call', forEach: '{{ run.input.items }}', input: { n: '{{ item }}' } }],
    });
  });

  afterAll(async () => {
    await cluster?.stop();
    await rm(dir, { recursive: true, force: true });
  });

  it('dispatches 100 tasks of one key at 10 a second, never more in any second, and says why the rest wait', async () => {
    const run = await startRun(cluster, 'per-account', { account: 'acct-1', items: Array(100).fill(1) });
    // While the limit holds them back, the waiting items say so.
    let waiting: TaskView | undefined;
    await cluster.api.waitFor(async () => {
      waiting = (await itemsOf(cluster, run)).find((item) => item.waitingOn?.cause === 'rate_limit');
      return waiting !== undefined;
    }, 'an item to wait for its rate');
    expect(waiting?.waitingOn).toMatchObject({
      cause: 'rate_limit',
      key: 'acct-1',
      limit: 10,
      periodMs: 1000,
    });
    // When the bucket may next grant; null while what it may grant now goes to the items ahead of this one.
    expect([null, expect.any(String)]).toContainEqual(waiting?.waitingOn?.nextPermitAt);

    expect((await cluster.api.waitForRun<RunView>(run, 120_000)).status).toBe('succeeded');
    const times = await itemTimes(cluster, run);
    expect(times.dispatched).toHaveLength(100);
    expectWithinLimit(times, 10, 1000);
    // A slice of one every 100 ms: the 100th dispatch about 9.9 s after the first, never less than the 9 windows
    // the limit itself implies. Each slice comes due a slice after the previous permit, so however late a loaded
    // router takes one adds up over the 99 slices: the upper bound says only that the bucket's own timer paces
    // them, not the routers' ROUTER_POLL_MS probe (two routers probing every 500 ms would need about 25 s).
    const spanMs = times.dispatched.at(-1)! - times.dispatched[0]!;
    console.log(
      `100 dispatches at 10/s: ${spanMs} ms from the first to the last; starts spread ${times.startSpreadMs} ms ` +
        `from their dispatch, at most ${fullestWindow(times.started, 1000)} in a second`,
    );
    expect(spanMs).toBeGreaterThanOrEqual(9_000);
    expect(spanMs).toBeLessThan(20_000);
    const keys = (
      await cluster.api.get<{ items: { key: string; tenant: string | null }[] }>('/api/v1/admin/rate-limit-keys')
    ).body.items;
    expect(keys).toContainEqual(expect.objectContaining({ tenant: 'default', key: 'acct-1' }));
  });

  it("applies a task type's default rate limit from the SDK, one bucket for the type", async () => {
    const types = (await cluster.api.get<{ items: { type: string; rateLimit: unknown }[] }>('/api/v1/task-types')).body
      .items;
    expect(types.find((type) => type.type === 'limited.call')?.rateLimit).toEqual({
      limit: TYPE_LIMIT,
      periodMs: 1000,
    });
    const run = await startRun(cluster, 'type-default', { items: Array.from({ length: 15 }, (_, n) => n) });
    let waiting: TaskView | undefined;
    await cluster.api.waitFor(async () => {
      waiting = (await itemsOf(cluster, run)).find((item) => item.waitingOn?.cause === 'rate_limit');
      return waiting !== undefined;
    }, 'an item to wait for its type’s rate');
    expect(waiting?.waitingOn).toMatchObject({
      key: '@type:limited.call',
      limit: TYPE_LIMIT,
      periodMs: 1000,
    });
    expect((await cluster.api.waitForRun<RunView>(run, 60_000)).status).toBe('succeeded');
    const times = await itemTimes(cluster, run);
    expect(times.dispatched).toHaveLength(15);
    expectWithinLimit(times, TYPE_LIMIT, 1000);
    // One every 200 ms: the 15th dispatch about 2.8 s after the first.
    expect(times.dispatched.at(-1)! - times.dispatched[0]!).toBeGreaterThanOrEqual(2_000);
    const [{ key }] = await cluster.sql<{ key: string }>(
      `SELECT DISTINCT rate_key AS key FROM tasks WHERE run_id = $1 AND kind = 'item'`,
      [run],
    );
    expect(key).toBe('@type:limited.call');
  });

  it("says tenant_share for a task whose tenant has its share of the batch ahead while others' fill the rest", async () => {
    // The routers stop, so the ready tasks stay as they are while the run is read (the suite ends here).
    for (const router of cluster.processes.filter((process) => process.app === 'router')) await router.stop();
    const [{ queue, definition_id: definitionId }] = await cluster.sql<{ queue: string; definition_id: string }>(
      `SELECT t.queue, r.definition_id FROM tasks t JOIN runs r ON r.id = t.run_id
        WHERE r.workflow_name = 'per-account' LIMIT 1`,
    );
    // Ready backlogs of this tenant (ahead of the new run) and of another, written as run creation writes them.
    for (const tenant of ['default', 'tenant-other']) {
      await cluster.sql(
        `WITH r AS (
           INSERT INTO runs (id, definition_id, workflow_name, workflow_version, status, priority, input, tenant,
                             tasks_remaining, started_at)
           SELECT gen_random_uuid(), $1, 'per-account', 1, 'running', 1, '{}', $3, 1, now()
             FROM generate_series(1, 60)
           RETURNING id)
         INSERT INTO tasks (id, run_id, tenant, key, kind, type, status, priority, attempt, max_attempts, timeout_ms,
                            input, queue, available_at, dispatch_at)
         SELECT gen_random_uuid(), r.id, $3, 'n', 'task', 'core.noop', 'ready', 1, 1, 1, 30000, '{}', $2,
                now(), now() - interval '1 hour'
           FROM r`,
        [definitionId, queue, tenant],
      );
    }
    await cluster.api.post('/api/v1/workflows', { name: 'plain', tasks: [{ key: 'n', type: 'core.noop' }] });
    const run = await startRun(cluster, 'plain', {});
    const view = (await cluster.api.get<RunView>(`/api/v1/runs/${run}`)).body;
    // A batch of 50 between two tenants of weight 1: 25 each; 60 of this tenant's are ahead, 50 of the other's ready.
    expect(taskOf(view, 'n')).toMatchObject({
      status: 'ready',
      waitingOn: { cause: 'tenant_share', tenant: 'default', share: 25, othersReady: 50 },
    });
    await cluster.sql(`UPDATE tasks SET status = 'cancelled' WHERE status = 'ready'`);
  });
});
