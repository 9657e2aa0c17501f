import type { AppProcess } from '../support/app-process';
import { Cluster } from '../support/cluster';

interface RunView {
  id: string;
  status: string;
  startAt: string | null;
  startedAt: string | null;
  tasks: { key: string; status: string; attempts: number }[];
}

const SECOND = 1_000;

/** The fire time each of a schedule's runs stands for, from its idempotency key, in order. */
async function fireTimesOf(cluster: Cluster, schedule: string): Promise<{ fireTime: string; status: string }[]> {
  return cluster.sql<{ fireTime: string; status: string }>(
    `SELECT substr(r.idempotency_key, length('schedule:' || s.id || ':') + 1) AS "fireTime", r.status
       FROM runs r JOIN schedules s ON starts_with(r.idempotency_key, 'schedule:' || s.id || ':')
      WHERE s.name = $1 ORDER BY 1`,
    [schedule],
  );
}

describe('time and events: delayed runs, schedules, events (DESIGN §8, §9)', () => {
  let cluster: Cluster;

  beforeAll(async () => {
    cluster = await Cluster.start('e2e-schedules', { SCHEDULE_POLL_MS: '100' });
    await cluster.api.post('/api/v1/workflows', {
      name: 'tick',
      tasks: [{ key: 'work', type: 'core.noop', input: { at: '{{ run.input }}' } }],
    });
  });

  afterAll(async () => {
    await cluster?.stop();
  });

  it('keeps a delayed run scheduled until its start time, then runs it', async () => {
    // Time enough for the reads below to see it before it starts, however slowly a loaded machine answers them.
    const started = await cluster.api.post<{ id: string; status: string }>('/api/v1/workflows/tick/runs', {
      delayMs: 4_000,
    });
    expect(started).toMatchObject({ status: 201, body: { status: 'scheduled' } });
    const waiting = await cluster.api.get<RunView>(`/api/v1/runs/${started.body.id}`);
    expect(waiting.body).toMatchObject({ status: 'scheduled', startedAt: null });
    // Not started: its root is activated at promotion (ADR 0027), so it waits for the run's start time.
    expect(waiting.body.tasks[0]).toMatchObject({
      status: 'blocked',
      waitingOn: { cause: 'run_scheduled', startAt: waiting.body.startAt },
    });

    const run = await cluster.api.waitForRun<RunView>(started.body.id);
    expect(run.status).toBe('succeeded');
    expect(Date.parse(run.startedAt!)).toBeGreaterThanOrEqual(Date.parse(run.startAt!));
  });

  it('never starts a scheduled run that was cancelled', async () => {
    // The two starts, the cancel and the pause must all land before the promoter reaches this time.
    const startAt = new Date(Date.now() + 5_000).toISOString();
    const cancelled = await cluster.api.post<{ id: string }>('/api/v1/workflows/tick/runs', { startAt });
    const witness = await cluster.api.post<{ id: string }>('/api/v1/workflows/tick/runs', { startAt });
    expect(await cluster.api.post(`/api/v1/runs/${cancelled.body.id}/cancel`)).toMatchObject({
      status: 200,
      body: { status: 'cancelled' },
    });
    // A scheduled run is cancelled, not paused: resuming it would start it early.
    expect((await cluster.api.post(`/api/v1/runs/${witness.body.id}/pause`)).status).toBe(409);

    // The run scheduled for the same instant has run: the promoter has been past the cancelled one.
    expect((await cluster.api.waitForRun<RunView>(witness.body.id)).status).toBe('succeeded');
    const run = (await cluster.api.get<RunView>(`/api/v1/runs/${cancelled.body.id}`)).body;
    expect(run.status).toBe('cancelled');
    expect(run.tasks).toEqual([expect.objectContaining({ status: 'cancelled' })]);
    const attempts = await cluster.sql(
      'SELECT a.task_id FROM task_attempts a JOIN tasks t ON t.id = a.task_id WHERE t.run_id = $1',
      [cancelled.body.id],
    );
    expect(attempts).toEqual([]);
  });

  it('refuses startAt and delayMs together', async () => {
    const refused = await cluster.api.post('/api/v1/workflows/tick/runs', {
      startAt: new Date().toISOString(),
      delayMs: 10,
    });
    expect(refused.status).toBe(400);
  });

  it('starts exactly one run per fire time for 30 s with two routers, one SIGKILLed twice', async () => {
    await cluster.startRouter();
    const first = new Date(Math.ceil((Date.now() + 2 * SECOND) / SECOND) * SECOND);
    const last = new Date(first.getTime() + 30 * SECOND);
    const created = await cluster.api.post<{ nextFireTimes: string[] }>('/api/v1/schedules', {
      name: 'every-second',
      workflow: 'tick',
      every: '1s',
      overlap: 'allow',
      startAt: first.toISOString(),
      endAt: last.toISOString(),
    });
    expect(created.status).toBe(201);
    expect(created.body.nextFireTimes).toEqual(
      [0, 1, 2, 3, 4].map((step) => new Date(first.getTime() + step * SECOND).toISOString()),
    );

    const killAt = async (at: number) => {
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, at - Date.now())));
      const victim = cluster.processes.find(
        (process): process is AppProcess => process.app === 'router' && process.running,
      )!;
      await victim.kill('SIGKILL');
      await cluster.startRouter();
    };
    await killAt(first.getTime() + 8.5 * SECOND);
    await killAt(first.getTime() + 19.3 * SECOND);

    await cluster.api.waitFor(
      async () => (await fireTimesOf(cluster, 'every-second')).length >= 31 && Date.now() > last.getTime() + SECOND,
      'the 31 fire times of the window',
      60_000,
    );
    const runs = await fireTimesOf(cluster, 'every-second');
    expect(runs.map((run) => run.fireTime)).toEqual(
      Array.from({ length: 31 }, (_, step) => new Date(first.getTime() + step * SECOND).toISOString()),
    );
    const view = await cluster.api.get<{ nextFireTimes: string[]; lastFiredAt: string }>(
      '/api/v1/schedules/every-second',
    );
    expect(view.body).toMatchObject({ nextFireTimes: [], lastFiredAt: last.toISOString() });
  });

  it('backfills 100 fire times with 100 runs, and a second backfill starts none', async () => {
    await cluster.api.post('/api/v1/schedules', {
      name: 'hourly',
      workflow: 'tick',
      cron: '0 * * * *',
      timezone: 'Europe/Berlin',
      paused: true,
    });
    const window = { from: '2026-01-01T00:00:00Z', to: '2026-01-05T03:00:00Z' };
    const backfill = await cluster.api.post<{ runs: { fireTime: string; id: string; created: boolean }[] }>(
      '/api/v1/schedules/hourly/backfill',
      window,
    );
    expect(backfill.status).toBe(200);
    expect(backfill.body.runs).toHaveLength(100);
    expect(backfill.body.runs.every((run) => run.created)).toBe(true);
    expect(new Set(backfill.body.runs.map((run) => run.id)).size).toBe(100);

    const again = await cluster.api.post<{ runs: { id: string; created: boolean }[] }>(
      '/api/v1/schedules/hourly/backfill',
      window,
    );
    expect(again.body.runs.map((run) => run.id)).toEqual(backfill.body.runs.map((run) => run.id));
    expect(again.body.runs.some((run) => run.created)).toBe(false);
    await cluster.api.waitFor(
      async () => (await fireTimesOf(cluster, 'hourly')).every((run) => run.status === 'succeeded'),
      'the backfilled runs to succeed',
    );
    expect(await fireTimesOf(cluster, 'hourly')).toHaveLength(100);

    const tooWide = await cluster.api.post('/api/v1/schedules/hourly/backfill', {
      from: '2026-01-01T00:00:00Z',
      to: '2027-01-01T00:00:00Z',
    });
    expect(tooWide.status).toBe(400);
  });

  it('triggers one run now, pauses, resumes and deletes', async () => {
    const triggered = await cluster.api.post<{ id: string }>('/api/v1/schedules/hourly/trigger');
    expect(triggered.status).toBe(201);
    expect((await cluster.api.waitForRun<RunView>(triggered.body.id)).status).toBe('succeeded');
    const view = await cluster.api.get<{ lastRuns: { id: string; fireTime: string | null }[] }>(
      '/api/v1/schedules/hourly',
    );
    expect(view.body.lastRuns[0]).toMatchObject({ id: triggered.body.id, fireTime: null });

    expect((await cluster.api.post('/api/v1/schedules/hourly/resume')).body).toMatchObject({ paused: false });
    expect((await cluster.api.post('/api/v1/schedules/hourly/pause')).body).toMatchObject({ paused: true });
    const page = await cluster.api.get<{ items: { name: string }[]; nextCursor: string | null }>(
      '/api/v1/schedules?limit=1',
    );
    expect(page.body.items.map((item) => item.name)).toEqual(['every-second']);
    const next = await cluster.api.get<{ items: { name: string }[]; nextCursor: string | null }>(
      `/api/v1/schedules?limit=1&cursor=${page.body.nextCursor}`,
    );
    expect(next.body).toEqual({ items: [expect.objectContaining({ name: 'hourly' })], nextCursor: null });
    expect((await cluster.api.request('DELETE', '/api/v1/schedules/hourly')).status).toBe(204);
    expect((await cluster.api.get('/api/v1/schedules/hourly')).status).toBe(404);
  });

  it('refuses a schedule without exactly one clock, with a bad cron or time zone, or for an unknown workflow', async () => {
    const post = (body: object) =>
      cluster.api.post('/api/v1/schedules', { name: 'bad', workflow: 'tick', ...body }).then((answer) => answer.status);
    expect(await post({})).toBe(400);
    expect(await post({ cron: '* * * * *', every: '1m' })).toBe(400);
    expect(await post({ cron: 'whenever' })).toBe(400);
    expect(await post({ cron: '* * * * *', timezone: 'Mars/Olympus' })).toBe(400);
    expect(await post({ every: '15 minutes' })).toBe(400);
    expect(await post({ cron: '* * * * *', workflow: 'nope' })).toBe(404);
  });

  it('starts every matching workflow for an event, and a repeated idempotency key starts nothing new', async () => {
    const listen = (name: string, on: object[]) =>
      cluster.api.post('/api/v1/workflows', { name, on, tasks: [{ key: 'work', type: 'core.noop' }] });
    expect((await listen('ship-order', [{ event: 'order.created' }])).status).toBe(201);
    expect((await listen('big-order', [{ event: 'order.created', when: 'event.payload.total > 100' }])).status).toBe(
      201,
    );
    expect((await listen('refund', [{ event: 'order.refunded' }])).status).toBe(201);
    const invalid = await listen('broken', [{ event: 'order.created', when: 'event.payload.(' }]);
    expect(invalid.status).toBe(400);

    type Published = { id: string; runs: { workflow: string; runId: string }[]; refused: unknown[] };
    const event = { name: 'order.created', payload: { orderId: 'A-1', total: 250 }, idempotencyKey: 'order-A-1' };
    const published = await cluster.api.post<Published>('/api/v1/events', event);
    expect(published.status).toBe(201);
    expect(published.body.runs.map((run) => run.workflow)).toEqual(['big-order', 'ship-order']);
    for (const run of published.body.runs) {
      const done = await cluster.api.waitForRun<RunView & { input: unknown }>(run.runId);
      expect(done).toMatchObject({ status: 'succeeded', input: event.payload });
    }

    const repeated = await cluster.api.post<Published>('/api/v1/events', event);
    expect(repeated).toMatchObject({ status: 200, body: { id: published.body.id, runs: published.body.runs } });
    const small = await cluster.api.post<Published>('/api/v1/events', {
      name: 'order.created',
      payload: { orderId: 'A-2', total: 5 },
    });
    expect(small.body.runs.map((run) => run.workflow)).toEqual(['ship-order']);

    const stored = await cluster.sql<{ n: number }>(
      `SELECT count(*)::int AS n FROM runs WHERE workflow_name IN ('ship-order', 'big-order')`,
    );
    expect(stored).toEqual([{ n: 3 }]);
    const kept = await cluster.sql<{ runs: unknown }>('SELECT runs FROM events WHERE id = $1', [published.body.id]);
    expect(kept[0]!.runs).toEqual(published.body.runs.map((run) => expect.objectContaining(run)));
  });
});
