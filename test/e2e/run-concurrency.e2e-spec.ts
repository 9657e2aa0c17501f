import { Cluster } from '../support/cluster';
import { startRun, taskOf, type RunView } from '../support/flow-control';

interface RunRow {
  id: string;
  status: string;
  startAt: string | null;
  concurrency: { key: string; limit: number; onLimit: string } | null;
  error: { name: string; message: string } | null;
  tasks: RunView['tasks'];
}

/**
 * Workflow concurrency keys (DESIGN §10, ADR 0027) on real processes: an
 * api, two routers admitting at once and an executor. How many runs were
 * active at once is measured from the run rows PostgreSQL holds (started
 * and finished times), not from the code under test.
 */
describe('run concurrency across two routers', () => {
  let cluster: Cluster;

  beforeAll(async () => {
    cluster = await Cluster.start('e2e-run-conc', { SCHEDULE_POLL_MS: '100' });
    await cluster.startRouter();
    const sleeper = (name: string, limit: number, onLimit?: string) =>
      cluster.api.post('/api/v1/workflows', {
        name,
        concurrency: { key: '{{ run.input.customer }}', limit, ...(onLimit && { onLimit }) },
        tasks: [{ key: 'work', type: 'core.sleep', input: { ms: '{{ run.input.ms }}' } }],
      });
    for (const [name, limit, onLimit] of [
      ['rc-two', 2],
      ['rc-one', 1],
      ['rc-newest', 1, 'cancel_newest'],
      ['rc-oldest', 1, 'cancel_oldest'],
    ] as const) {
      expect((await sleeper(name, limit, onLimit)).status).toBe(201);
    }
    await cluster.api.post('/api/v1/workflows', {
      name: 'rc-one-failing',
      concurrency: { key: '{{ run.input.customer }}', limit: 1 },
      tasks: [{ key: 'work', type: 'core.fail', input: { retryable: false }, retry: { maxAttempts: 1 } }],
    });
    await cluster.api.post('/api/v1/workflows', {
      name: 'delayed-nap',
      tasks: [{ key: 'nap', sleep: { durationMs: 1_000 } }],
    });
  });

  afterAll(async () => {
    await cluster?.stop();
  });

  const run = async (id: string) => (await cluster.api.get<RunRow>(`/api/v1/runs/${id}`)).body;

  /** The most of these runs active at the same instant, from their rows' started and finished times. */
  async function maxActiveRuns(ids: string[]): Promise<number> {
    const [row] = await cluster.sql<{ overlap: number }>(
      `WITH spans AS (SELECT started_at AS s, finished_at AS e FROM runs WHERE id = ANY($1::uuid[]) AND started_at IS NOT NULL),
            events AS (SELECT s AS at, 1 AS d FROM spans UNION ALL SELECT e, -1 FROM spans)
       SELECT coalesce(max(running), 0)::int AS overlap
         FROM (SELECT sum(d) OVER (ORDER BY at, d ROWS UNBOUNDED PRECEDING) AS running FROM events) x`,
      [ids],
    );
    return row!.overlap;
  }

  it('runs at most 2 of 20 runs of one key at once while another key proceeds', async () => {
    const hot: string[] = [];
    // The first two, admitted as they are created, sleep long enough to overlap however slowly the
    // machine dispatches; short runs admitted one by one can fall out of phase when a start lags
    // longer than a sleep, so only the first pair proves that both slots are used.
    for (let i = 0; i < 2; i += 1) hot.push(await startRun(cluster, 'rc-two', { customer: 'hot', ms: 1_500 }));
    // The rest in one request: created one by one, slowly answered requests could let the queue drain
    // before the last was created. The key admits in creation order and at most two at once, so the
    // last of the batch is created queued whenever the batch lands.
    const batch = await cluster.api.post<{ items: { result: string; id: string; status: string }[] }>(
      '/api/v1/workflows/rc-two/runs:batch',
      { runs: Array.from({ length: 18 }, () => ({ input: { customer: 'hot', ms: 150 } })) },
    );
    expect(batch.status).toBe(200);
    expect(batch.body.items.map((item) => item.result)).toEqual(Array(18).fill('created'));
    expect(batch.body.items.at(-1)).toMatchObject({ status: 'queued' });
    hot.push(...batch.body.items.map((item) => item.id));
    const cold = await startRun(cluster, 'rc-two', { customer: 'cold', ms: 10 });

    const queued = await run(hot[19]!);
    expect(queued).toMatchObject({ status: 'queued', concurrency: { key: 'hot', limit: 2, onLimit: 'queue' } });
    const waiting = taskOf(queued as unknown as RunView, 'work');
    // Held is read as the api answers: a slot may be between a run's end and the next admission.
    expect(waiting).toMatchObject({
      status: 'blocked',
      waitingOn: { cause: 'run_concurrency', key: 'hot', held: expect.any(Number), limit: 2 },
    });
    expect(waiting.waitingOn!.held).toBeLessThanOrEqual(2);

    expect((await cluster.api.waitForRun<RunRow>(cold, 30_000)).status).toBe('succeeded');
    const [{ n: hotDone }] = await cluster.sql<{ n: number }>(
      `SELECT count(*)::int AS n FROM runs WHERE id = ANY($1::uuid[]) AND status = 'succeeded'`,
      [hot],
    );
    // The other key did not wait behind the hot key's queue.
    expect(hotDone).toBeLessThan(20);
    for (const id of hot) expect((await cluster.api.waitForRun<RunRow>(id, 60_000)).status).toBe('succeeded');
    expect(await maxActiveRuns(hot)).toBe(2);
  }, 90_000);

  it('cancel_newest cancels the run that finds the key full, with the reason', async () => {
    // Held until the test cancels it, so the key is still full when the second run is created however late.
    const first = await startRun(cluster, 'rc-newest', { customer: 'n', ms: 60_000 });
    await cluster.api.waitFor(async () => (await run(first)).status === 'running', 'the first run to start');
    // The api decides the run it created under the key's lock: the answer already says cancelled.
    const started = await cluster.api.post<{ id: string; status: string }>('/api/v1/workflows/rc-newest/runs', {
      input: { customer: 'n', ms: 10 },
    });
    expect(started).toMatchObject({ status: 201, body: { status: 'cancelled' } });
    const cancelled = await run(started.body.id);
    expect(cancelled).toMatchObject({
      status: 'cancelled',
      error: { name: 'ConcurrencyLimit', message: expect.stringContaining('cancel_newest') },
    });
    expect(cancelled.tasks[0]).toMatchObject({ status: 'cancelled' });
    // The run that held the key was left alone.
    const holding = await run(first);
    expect(holding).toMatchObject({ status: 'running', error: null });
    expect(holding.tasks[0]).toMatchObject({ status: 'running' });
    expect((await cluster.api.post(`/api/v1/runs/${first}/cancel`)).status).toBe(200);
    expect((await cluster.api.waitForRun<RunRow>(first, 30_000)).status).toBe('cancelled');
  });

  it('cancel_oldest cancels the running run, stopping its task, and starts the new one', async () => {
    const first = await startRun(cluster, 'rc-oldest', { customer: 'o', ms: 60_000 });
    await cluster.api.waitFor(
      async () => (await run(first)).tasks[0]?.status === 'running',
      'the first run’s task to run',
    );
    const second = await startRun(cluster, 'rc-oldest', { customer: 'o', ms: 10 });
    expect((await cluster.api.waitForRun<RunRow>(second, 30_000)).status).toBe('succeeded');
    const oldest = await cluster.api.waitForRun<RunRow>(first, 30_000);
    expect(oldest).toMatchObject({ status: 'cancelled', error: { name: 'ConcurrencyLimit' } });
    expect(oldest.tasks[0]).toMatchObject({ status: 'cancelled' });
  });

  it('a cancelled and a failed run free their slots', async () => {
    const holder = await startRun(cluster, 'rc-one', { customer: 'c', ms: 60_000 });
    await cluster.api.waitFor(async () => (await run(holder)).status === 'running', 'the holder to start');
    const waiter = await startRun(cluster, 'rc-one', { customer: 'c', ms: 10 });
    expect((await run(waiter)).status).toBe('queued');
    expect((await cluster.api.post(`/api/v1/runs/${holder}/cancel`)).status).toBe(200);
    expect((await cluster.api.waitForRun<RunRow>(waiter, 30_000)).status).toBe('succeeded');

    const failing = await startRun(cluster, 'rc-one-failing', { customer: 'f' });
    const after = await startRun(cluster, 'rc-one', { customer: 'f', ms: 10 });
    expect((await cluster.api.waitForRun<RunRow>(failing, 30_000)).status).toBe('failed');
    expect((await cluster.api.waitForRun<RunRow>(after, 30_000)).status).toBe('succeeded');
    expect(await maxActiveRuns([failing, after])).toBe(1);
  });

  it('a queued run that is cancelled is never started', async () => {
    // Held until the test cancels it: a holder that ended on its own before the cancel landed would let
    // the run start.
    const holder = await startRun(cluster, 'rc-one', { customer: 'q', ms: 60_000 });
    const created = await cluster.api.post<{ id: string; status: string }>('/api/v1/workflows/rc-one/runs', {
      input: { customer: 'q', ms: 10 },
    });
    expect(created.body.status).toBe('queued');
    const queued = created.body.id;
    expect((await cluster.api.post(`/api/v1/runs/${queued}/cancel`)).status).toBe(200);
    // Queued behind the cancelled run: once it has run, the admission that would have started the
    // cancelled one has come and gone.
    const next = await startRun(cluster, 'rc-one', { customer: 'q', ms: 10 });
    expect((await cluster.api.post(`/api/v1/runs/${holder}/cancel`)).status).toBe(200);
    expect((await cluster.api.waitForRun<RunRow>(next, 30_000)).status).toBe('succeeded');
    const cancelled = await run(queued);
    expect(cancelled.status).toBe('cancelled');
    const attempts = await cluster.sql(
      'SELECT a.task_id FROM task_attempts a JOIN tasks t ON t.id = a.task_id WHERE t.run_id = $1',
      [queued],
    );
    expect(attempts).toEqual([]);
  });

  it('a delayed run whose root is a 1 s sleep ends about 1 s after its start time, not at it', async () => {
    // Long enough that the run is still scheduled when it is read back, however slowly the requests are answered.
    const started = await cluster.api.post<{ id: string; status: string }>('/api/v1/workflows/delayed-nap/runs', {
      delayMs: 3_000,
    });
    expect(started.body.status).toBe('scheduled');
    const waiting = await run(started.body.id);
    expect(waiting.tasks[0]).toMatchObject({ status: 'blocked', waitingOn: { cause: 'run_scheduled' } });
    const done = await cluster.api.waitForRun<RunRow & { finishedAt: string }>(started.body.id, 30_000);
    expect(done.status).toBe('succeeded');
    // The sleep counted from the promotion at the start time, not from the request.
    expect(Date.parse(done.finishedAt) - Date.parse(done.startAt!)).toBeGreaterThanOrEqual(950);
  });
});
