import { Cluster } from '../support/cluster';
import { publishCoreTaskTypes } from '../support/task-types';

const CLASSES = ['low', 'normal', 'high', 'critical'] as const;
const RANK: Record<string, number> = { critical: 3, high: 2, normal: 1, low: 0 };

async function startRuns(
  cluster: Cluster,
  workflow: string,
  runs: { input: unknown; priority?: string }[],
): Promise<string[]> {
  const ids: string[] = [];
  for (const run of runs) {
    const response = await cluster.api.post<{ id: string }>(`/api/v1/workflows/${workflow}/runs`, run);
    if (response.status !== 201) throw new Error(`start answered ${response.status}: ${JSON.stringify(response.body)}`);
    ids.push(response.body.id);
  }
  return ids;
}

async function waitForQueued(cluster: Cluster, count: number): Promise<void> {
  await cluster.api.waitFor(async () => {
    const [row] = await cluster.sql<{ n: number }>(`SELECT count(*)::int AS n FROM tasks WHERE status = 'queued'`);
    return row!.n === count;
  }, `${count} queued tasks`);
}

describe('priority classes', () => {
  let cluster: Cluster;

  afterEach(async () => {
    await cluster?.stop();
  });

  it('dispatches strictly by class, FIFO within a class, when an executor starts on a pre-filled backlog', async () => {
    cluster = await Cluster.start(
      'e2e-strict-order',
      { QUEUE_PARTITIONS: '1', EXECUTOR_CONCURRENCY: '1' },
      { executor: false },
    );
    await publishCoreTaskTypes(cluster.services.databaseUrl, ['core.noop']);
    await cluster.api.post('/api/v1/workflows', {
      name: 'one',
      tasks: [{ key: 't', type: 'core.noop', input: { i: '{{ run.input.i }}' } }],
    });
    const runs = Array.from({ length: 48 }, (_, i) => ({ input: { i }, priority: CLASSES[i % 4] }));
    const ids = await startRuns(cluster, 'one', runs);
    await waitForQueued(cluster, 48);

    await cluster.startExecutor();
    for (const id of ids) expect((await cluster.api.waitForRun(id)).status).toBe('succeeded');

    const started = await cluster.sql<{ priority: number; i: number }>(
      `SELECT priority, (input->>'i')::int AS i FROM tasks ORDER BY started_at`,
    );
    const expected = [...runs.keys()].sort((a, b) => RANK[runs[b]!.priority!]! - RANK[runs[a]!.priority!]! || a - b);
    expect(started.map((row) => row.i)).toEqual(expected);
  });

  it('keeps low-priority work moving under a constant critical flood', async () => {
    cluster = await Cluster.start('e2e-aging', {
      QUEUE_PARTITIONS: '1',
      EXECUTOR_CONCURRENCY: '1',
      PRIORITY_AGING_MS: '200',
      ROUTER_HIGH_WATER: '4',
      ROUTER_LOW_WATER: '2',
    });
    await cluster.api.post('/api/v1/workflows', {
      name: 'slow',
      tasks: [{ key: 't', type: 'core.sleep', input: { ms: 150 } }],
    });
    let lowFinished = false;
    const floodCap = Date.now() + 30_000;
    const critical: Promise<string[]>[] = [];
    const flood = (async () => {
      // A critical run every 20 ms against an executor that takes over 150 ms for each, until the low runs are done:
      // a loaded machine slows the flood's requests too, and it must still outpace the executor to build a backlog.
      while (!lowFinished && Date.now() < floodCap) {
        critical.push(startRuns(cluster, 'slow', [{ input: {}, priority: 'critical' }]));
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    })();
    await new Promise((resolve) => setTimeout(resolve, 500));
    const low = await startRuns(
      cluster,
      'slow',
      Array.from({ length: 3 }, () => ({ input: {}, priority: 'low' })),
    );
    // The flood's newest task waits ready behind the full queue, and says so.
    type FloodTask = { status: string; waitingOn?: Record<string, unknown> };
    const newestTask = async (): Promise<FloodTask> => {
      const [id] = await critical[critical.length - 1]!;
      return (await cluster.api.get<{ tasks: FloodTask[] }>(`/api/v1/runs/${id}`)).body.tasks[0]!;
    };
    await cluster.api.waitFor(
      async () => {
        const waitingOn = (await newestTask()).waitingOn;
        return waitingOn?.cause === 'backpressure' && waitingOn.highWater === 4;
      },
      'a flood task waiting on backpressure at the high-water mark of 4',
      30_000,
    );
    // Behind every critical run that became ready up to three aging steps after them, each a slow task.
    for (const id of low)
      expect((await cluster.api.waitForRun<{ status: string }>(id, 30_000)).status).toBe('succeeded');
    const [pending] = await cluster.sql<{ n: number }>(
      `SELECT count(*)::int AS n FROM runs WHERE status NOT IN ('succeeded', 'failed', 'cancelled')`,
    );
    lowFinished = true;
    await flood;
    // Critical work was still waiting when the low runs finished: strict priority alone would have starved them.
    expect(pending!.n).toBeGreaterThan(5);
    for (const id of (await Promise.all(critical)).flat()) await cluster.api.post(`/api/v1/runs/${id}/cancel`);
  });
});

describe('backpressure at the API', () => {
  let cluster: Cluster;

  afterAll(async () => {
    await cluster?.stop();
  });

  it('answers 429 with Retry-After past the backlog limit, drops nothing, and accepts again once drained', async () => {
    cluster = await Cluster.start('e2e-backpressure', { API_BACKLOG_LIMIT: '20' }, { executor: false });
    await publishCoreTaskTypes(cluster.services.databaseUrl, ['core.noop']);
    await cluster.api.post('/api/v1/workflows', { name: 'one', tasks: [{ key: 't', type: 'core.noop' }] });
    // The guard reads the backlog through a short cache, so the first refusal may come a little past the limit.
    const accepted: string[] = [];
    let throttled:
      { status: number; headers: Headers; body: { statusCode: number; message: string; id: string } } | undefined;
    await cluster.api.waitFor(async () => {
      throttled = await cluster.api.post('/api/v1/workflows/one/runs', { input: { i: accepted.length } });
      if (throttled.status === 201) accepted.push(throttled.body.id);
      return throttled.status === 429;
    }, 'a 429');
    expect(accepted.length).toBeGreaterThanOrEqual(20);
    expect(Number(throttled!.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(throttled!.body).toMatchObject({ statusCode: 429 });
    expect(throttled!.body.message).toMatch(/API_BACKLOG_LIMIT/);

    await cluster.startExecutor();
    for (const id of accepted) expect((await cluster.api.waitForRun(id)).status).toBe('succeeded');
    await cluster.api.waitFor(
      async () => (await cluster.api.post('/api/v1/workflows/one/runs', { input: {} })).status === 201,
      'accepting again',
    );
  });
});
