import { Cluster } from '../support/cluster';
import { PrivateRedis } from '../support/private-redis';
import { sampleValue, scrape } from '../support/prometheus-text';

interface TaskView {
  key: string;
  status: string;
  attempts: number;
  output: unknown;
  error: { name?: string; message: string } | null;
  wait?: { signal?: string; until: string | null };
  waitingOn?: { cause: string } & Record<string, unknown>;
}
interface RunView {
  id: string;
  status: string;
  error: { name?: string } | null;
  tasks: TaskView[];
}
interface Stats {
  tasks: Record<string, number>;
  partitions: { waiting: number; active: number; delayed: number; paused: number }[];
  executors: { load: { active: number } };
}

const taskOf = (run: RunView, key: string) => run.tasks.find((task) => task.key === key)!;

/**
 * Durable sleeps, signal waits and deadlines (DESIGN §8, §9) on real
 * processes: waits live in PostgreSQL only, so they outlive every process
 * and a Redis flush, and hold no executor slot or queue job.
 */
describe('tasks that wait without holding anything', () => {
  let redis: PrivateRedis;
  let cluster: Cluster;

  beforeAll(async () => {
    // A private Redis: the suite flushes it.
    redis = await PrivateRedis.start();
    cluster = await Cluster.start('e2e-waits', {
      REDIS_URL: redis.url,
      WAIT_POLL_MS: '100',
      RECONCILE_INTERVAL_MS: '500',
      RECONCILE_QUEUED_GRACE_MS: '1000',
      METRICS_CLUSTER_INTERVAL_MS: '0',
    });
    const register = async (definition: object) =>
      expect((await cluster.api.post('/api/v1/workflows', definition)).status).toBe(201);
    await register({
      name: 'cool-down',
      tasks: [
        { key: 'start', type: 'core.noop' },
        { key: 'cool', sleep: { durationMs: 5_000 }, dependsOn: ['start'] },
        { key: 'after', type: 'core.noop', dependsOn: ['cool'], input: { woke: '{{ tasks.cool.output.sleptUntil }}' } },
      ],
    });
    await register({
      name: 'sleep-until',
      tasks: [{ key: 'nap', sleep: { until: '{{ run.input.until }}' } }],
    });
    await register({
      name: 'approval',
      tasks: [
        { key: 'prepare', type: 'core.sleep', input: { ms: '{{ run.input.prepareMs }}' } },
        {
          key: 'approve',
          dependsOn: ['prepare'],
          waitFor: {
            signal: 'approval',
            timeoutMs: 60_000,
            schema: {
              type: 'object',
              required: ['approved'],
              properties: { approved: { type: 'boolean' }, by: { type: 'string' } },
            },
          },
        },
        { key: 'ship', type: 'core.noop', dependsOn: ['approve'], input: { decision: '{{ tasks.approve.output }}' } },
      ],
    });
    await register({
      name: 'approval-timeout',
      tasks: [
        { key: 'approve', waitFor: { signal: 'approval', timeoutMs: 300 } },
        { key: 'ship', type: 'core.noop', dependsOn: ['approve'] },
        { key: 'escalate', type: 'core.noop', dependsOn: ['approve'], trigger: 'one_failed' },
      ],
    });
  });

  afterAll(async () => {
    await cluster?.stop();
    await redis?.stop();
  });

  const start = async (workflow: string, body: object = {}) => {
    const response = await cluster.api.post<{ id: string }>(`/api/v1/workflows/${workflow}/runs`, body);
    expect(response.status).toBe(201);
    return response.body.id;
  };
  const taskRow = async (runId: string, key: string) =>
    (
      await cluster.sql<{ status: string; wake_at: Date | null; started_at: Date | null; finished_at: Date | null }>(
        'SELECT status, wake_at, started_at, finished_at FROM tasks WHERE run_id = $1 AND key = $2',
        [runId, key],
      )
    )[0]!;
  const waitUntilWaiting = (runId: string, key: string) =>
    cluster.api.waitFor(async () => (await taskRow(runId, key))?.status === 'waiting', `${key} to wait`);
  const signal = (runId: string, body: object, name = 'approval') =>
    cluster.api.post<{ outcome: string; taskKey: string | null; message?: string }>(
      `/api/v1/runs/${runId}/signals/${name}`,
      body,
    );

  it('a 5 s sleep outlives a SIGKILL of every process and a Redis FLUSHALL, then succeeds', async () => {
    const id = await start('cool-down');
    await waitUntilWaiting(id, 'cool');
    const waiting = await cluster.api.get<RunView>(`/api/v1/runs/${id}`);
    expect(taskOf(waiting.body, 'cool').wait?.until).toEqual(expect.any(String));
    expect(taskOf(waiting.body, 'cool').waitingOn).toEqual({
      cause: 'sleep',
      until: taskOf(waiting.body, 'cool').wait?.until,
    });

    await Promise.all(cluster.processes.map((process) => process.kill('SIGKILL')));
    await redis.flushAll();
    await cluster.startExecutor();
    await cluster.startRouter();
    await cluster.startApi();

    const run = await cluster.api.waitForRun<RunView>(id, 60_000);
    expect(run.status).toBe('succeeded');
    const cool = await taskRow(id, 'cool');
    // It slept its whole duration, by the database's clock, and no longer than the restart made it.
    expect(cool.wake_at!.getTime() - cool.started_at!.getTime()).toBeGreaterThanOrEqual(5_000);
    expect(cool.finished_at!.getTime()).toBeGreaterThanOrEqual(cool.wake_at!.getTime());
    expect(taskOf(run, 'cool').output).toEqual({ sleptUntil: cool.wake_at!.toISOString() });
    expect(taskOf(run, 'after')).toMatchObject({ status: 'succeeded', attempts: 1 });
    expect(taskOf(run, 'after').output).toEqual({ woke: cool.wake_at!.toISOString() });
  });

  it('a sleep until a rendered time ends at that time, within a second', async () => {
    const until = new Date(Date.now() + 1_500).toISOString();
    const id = await start('sleep-until', { input: { until } });
    const run = await cluster.api.waitForRun<RunView>(id);
    expect(run.status).toBe('succeeded');
    const nap = await taskRow(id, 'nap');
    expect(nap.wake_at!.toISOString()).toBe(until);
    // Within a second of being due, or of starting to wait if it was already due then (a slow run start).
    const due = Math.max(nap.wake_at!.getTime(), nap.started_at!.getTime());
    expect(nap.finished_at!.getTime() - due).toBeLessThan(1_000);
    expect(nap.finished_at!.getTime()).toBeGreaterThanOrEqual(nap.wake_at!.getTime());

    const invalid = await cluster.api.waitForRun<RunView>(await start('sleep-until', { input: { until: 'soon' } }));
    expect(invalid.status).toBe('failed');
    expect(taskOf(invalid, 'nap').error).toMatchObject({ name: 'SleepTimeInvalid' });
  });

  it('1,000 runs sleeping at once hold no executor slot and no queue job', async () => {
    const until = new Date(Date.now() + 3_600_000).toISOString();
    const ids: string[] = [];
    for (let batch = 0; batch < 50; batch += 1) {
      ids.push(...(await Promise.all(Array.from({ length: 20 }, () => start('sleep-until', { input: { until } })))));
    }
    await cluster.api.waitFor(async () => {
      const [row] = await cluster.sql<{ n: number }>(
        `SELECT count(*)::int AS n FROM tasks WHERE run_id = ANY($1::uuid[]) AND status = 'waiting'`,
        [ids],
      );
      return row!.n === 1_000;
    }, '1,000 sleeping tasks');
    const others = await cluster.sql<{ n: number }>(
      `SELECT count(*)::int AS n FROM tasks WHERE status IN ('ready', 'queued', 'running')`,
    );
    expect(others[0]!.n).toBe(0);
    const stats = (await cluster.api.get<Stats>('/api/v1/admin/stats')).body;
    expect(stats.tasks.waiting).toBe(1_000);
    for (const partition of stats.partitions) {
      expect(partition.waiting + partition.active + partition.delayed + partition.paused).toBe(0);
    }
    expect(stats.executors.load.active).toBe(0);
    const metrics = await scrape(`${cluster.api.base}/metrics`);
    expect(sampleValue(metrics, 'taskloom_tasks_in_wait', { kind: 'sleep' })).toBe(1_000);

    // The test moves their due time instead of waiting an hour: they all wake and succeed once.
    await cluster.sql(`UPDATE tasks SET wake_at = now() WHERE run_id = ANY($1::uuid[])`, [ids]);
    await cluster.api.waitFor(
      async () => {
        const [row] = await cluster.sql<{ n: number }>(
          `SELECT count(*)::int AS n FROM runs WHERE id = ANY($1::uuid[]) AND status = 'succeeded'`,
          [ids],
        );
        return row!.n === 1_000;
      },
      '1,000 runs to wake and succeed',
      60_000,
    );
  });

  it('a signal round trip: the task waits, the payload becomes its output, a repeat is delivered once', async () => {
    const id = await start('approval', { input: { prepareMs: 1 } });
    await waitUntilWaiting(id, 'approve');
    const waiting = await cluster.api.get<RunView>(`/api/v1/runs/${id}`);
    expect(taskOf(waiting.body, 'approve')).toMatchObject({ status: 'waiting', wait: { signal: 'approval' } });
    expect(taskOf(waiting.body, 'approve').waitingOn).toMatchObject({ cause: 'signal', signal: 'approval' });
    expect(waiting.body.status).toBe('running');

    const payload = { approved: true, by: 'ana' };
    const sent = await signal(id, { payload, signalId: 'approval-1' });
    expect(sent.status).toBe(200);
    expect(sent.body).toMatchObject({ outcome: 'delivered', taskKey: 'approve' });
    const run = await cluster.api.waitForRun<RunView>(id);
    expect(run.status).toBe('succeeded');
    expect(taskOf(run, 'approve').output).toEqual(payload);
    expect(taskOf(run, 'ship').output).toEqual({ decision: payload });

    const ended = await signal(id, { payload, signalId: 'approval-1' });
    expect(ended.status).toBe(409);
    expect(ended.body.message).toMatch(/succeeded; it takes no more signals/);
  });

  it('keeps a signal sent before the task waits, and delivers a repeated signalId once', async () => {
    // 'approve' waits once 'prepare' ends: long enough that the first signal lands before, however slowly answered.
    const id = await start('approval', { input: { prepareMs: 3_000 } });
    const payload = { approved: false };
    const first = await signal(id, { payload, signalId: 'early' });
    expect(first.body).toMatchObject({ outcome: 'kept', taskKey: null });
    const again = await signal(id, { payload: { approved: true }, signalId: 'early' });
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ outcome: 'duplicate' });

    const run = await cluster.api.waitForRun<RunView>(id);
    expect(run.status).toBe('succeeded');
    expect(taskOf(run, 'approve').output).toEqual(payload);
    const signals = await cluster.sql<{ n: number }>(
      'SELECT count(*)::int AS n FROM signals WHERE run_id = $1 AND delivered_at IS NOT NULL',
      [id],
    );
    expect(signals[0]!.n).toBe(1);
  });

  it('refuses a payload that fails its schema (400), an unknown run or signal (404); cancel ends the wait', async () => {
    const id = await start('approval', { input: { prepareMs: 1 } });
    await waitUntilWaiting(id, 'approve');
    const bad = await signal(id, { payload: { approved: 'yes' } });
    expect(bad.status).toBe(400);
    expect(bad.body.message).toMatch(/payload does not match the schema of signal 'approval'.*approved/);
    expect((await signal(id, { payload: {} }, 'nobody-waits')).status).toBe(404);
    const badSchema = await cluster.api.post<{ message: string; details: { path: string }[] }>('/api/v1/workflows', {
      name: 'bad-signal-schema',
      tasks: [{ key: 'approve', waitFor: { signal: 'approval', schema: { type: 'no-such-type' } } }],
    });
    expect(badSchema.status).toBe(400);
    expect(badSchema.body.details[0]!.path).toBe('tasks[0].waitFor.schema');
    expect((await signal('00000000-0000-4000-8000-000000000000', { payload: {} })).status).toBe(404);
    expect((await taskRow(id, 'approve')).status).toBe('waiting');
    const metrics = await scrape(`${cluster.api.base}/metrics`);
    expect(sampleValue(metrics, 'taskloom_signals_received_total', { outcome: 'rejected' })).toBe(1);
    expect(sampleValue(metrics, 'taskloom_signals_received_total', { outcome: 'delivered' })).toBeGreaterThan(0);
    expect(sampleValue(metrics, 'taskloom_tasks_in_wait', { kind: 'signal' })).toBe(1);
    expect((await cluster.api.post(`/api/v1/runs/${id}/cancel`)).status).toBe(200);
    expect((await taskRow(id, 'approve')).status).toBe('cancelled');
  });

  it('a signal wait past its timeout fails, and trigger rules decide its dependents', async () => {
    const run = await cluster.api.waitForRun<RunView>(await start('approval-timeout'));
    expect(run.status).toBe('failed');
    expect(taskOf(run, 'approve')).toMatchObject({ status: 'failed', error: { name: 'SignalTimeout' } });
    expect(taskOf(run, 'ship').status).toBe('skipped');
    expect(taskOf(run, 'escalate').status).toBe('succeeded');
  });

  it('a run deadline (timeoutMs on start) fails the run and cancels its waiting task', async () => {
    const id = await start('sleep-until', {
      input: { until: new Date(Date.now() + 3_600_000).toISOString() },
      timeoutMs: 500,
    });
    const run = await cluster.api.waitForRun<RunView>(id);
    expect(run).toMatchObject({ status: 'failed', error: { name: 'RunTimeout' } });
    expect(taskOf(run, 'nap').status).toBe('cancelled');
  });

  it('a task not started within its queueTimeoutMs fails, not retried', async () => {
    await cluster.api.post('/api/v1/workflows', {
      name: 'queue-timeout',
      defaults: { retry: { maxAttempts: 3 } },
      tasks: [
        // Still running when the pause lands, however slowly answered: ended before, it would let 'late' be dispatched.
        { key: 'gate', type: 'core.sleep', input: { ms: 3_000 } },
        { key: 'late', type: 'core.noop', dependsOn: ['gate'], queueTimeoutMs: 300 },
        { key: 'cleanup', type: 'core.noop', dependsOn: ['late'], trigger: 'all_done' },
      ],
    });
    const id = await start('queue-timeout');
    await cluster.api.waitFor(async () => (await taskRow(id, 'gate')).status !== 'ready', 'gate to be dispatched');
    // Paused, the run dispatches nothing new: 'late' becomes ready and stays so past its queue timeout.
    expect((await cluster.api.post(`/api/v1/runs/${id}/pause`)).status).toBe(200);
    await cluster.api.waitFor(async () => (await taskRow(id, 'late')).status === 'failed', 'late to fail');
    expect((await cluster.api.post(`/api/v1/runs/${id}/resume`)).status).toBe(200);
    const run = await cluster.api.waitForRun<RunView>(id);
    expect(run.status).toBe('failed');
    expect(taskOf(run, 'late')).toMatchObject({ status: 'failed', attempts: 1, error: { name: 'QueueTimeout' } });
    expect(taskOf(run, 'cleanup').status).toBe('succeeded');
  });
});
