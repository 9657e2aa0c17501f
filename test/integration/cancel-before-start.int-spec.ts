import { Cluster } from '../support/cluster';
import { EffectCounter } from '../support/effect-counter';

interface QueueView {
  name: string;
  taskType: string;
  counts: { waiting: number; active: number; delayed: number; paused: number };
}

/**
 * A job delivered after its run was cancelled never starts its handler,
 * however short the task: executors learn of cancels from the api before
 * it answers (the effect is counted by a local endpoint the task calls).
 */
describe('a task cancelled while queued never starts its handler', () => {
  let cluster: Cluster;
  let effects: EffectCounter;

  beforeAll(async () => {
    effects = await EffectCounter.start();
    // One task at a time: a second job waits for the executor's only slot. No lazy start record, so only the
    // cancel check can stop a short task.
    cluster = await Cluster.start('int-cancel-queued', {
      EXECUTOR_CONCURRENCY: '1',
      EXECUTOR_RUNNING_AFTER_MS: '600000',
      // http.request refuses loopback unless the operator allows it: allow the effect counter, and nothing else.
      HTTP_REQUEST_ALLOWED_HOSTS: new URL(effects.url).host,
    });
    const created = await cluster.api.post('/api/v1/workflows', {
      name: 'effect',
      tasks: [
        {
          key: 'call',
          type: 'http.request',
          // Long timeouts: a held call ends when the test releases it, not at a clock.
          timeoutMs: 600_000,
          input: { url: `${effects.url}{{ run.input.path }}`, method: 'POST', timeoutMs: 600_000 },
        },
      ],
    });
    expect(created.status).toBe(201);
  });

  afterAll(async () => {
    effects?.release();
    await cluster?.stop();
    await effects?.stop();
  });

  async function start(path: string): Promise<string> {
    const response = await cluster.api.post<{ id: string }>('/api/v1/workflows/effect/runs', { input: { path } });
    expect(response.status).toBe(201);
    return response.body.id;
  }

  async function taskStatus(runId: string): Promise<string> {
    const [row] = await cluster.sql<{ status: string }>(`SELECT status FROM tasks WHERE run_id = $1`, [runId]);
    return row!.status;
  }

  /** No job of http.request is left anywhere in Redis: every delivered job was dealt with. */
  async function queuesEmpty(): Promise<boolean> {
    const { body } = await cluster.api.get<{ items: QueueView[] }>('/api/v1/admin/queues');
    return body.items
      .filter((queue) => queue.taskType === 'http.request')
      .every((queue) => queue.counts.waiting + queue.counts.active + queue.counts.delayed + queue.counts.paused === 0);
  }

  it('a job waiting for a busy executor slot is dropped once its run is cancelled', async () => {
    const busy = await start('/held/busy');
    await cluster.api.waitFor(async () => effects.count('/held/busy') === 1, 'the held call to take the slot');
    const victim = await start('/victim-waiting');
    await cluster.api.waitFor(async () => (await taskStatus(victim)) === 'queued', 'the second task to be queued');
    expect((await cluster.api.post(`/api/v1/runs/${victim}/cancel`)).status).toBe(200);
    effects.release();

    expect((await cluster.api.waitForRun(busy)).status).toBe('succeeded');
    await cluster.api.waitFor(queuesEmpty, 'the cancelled job to leave its queue');
    expect(effects.count('/victim-waiting')).toBe(0);
    expect(await taskStatus(victim)).toBe('cancelled');
  });

  it('a job delivered to an executor that started after the cancel is dropped too', async () => {
    for (const process of cluster.processes.filter((candidate) => candidate.app === 'executor')) await process.stop();
    const victim = await start('/victim-no-executor');
    await cluster.api.waitFor(async () => (await taskStatus(victim)) === 'queued', 'the task to be queued');
    expect((await cluster.api.post(`/api/v1/runs/${victim}/cancel`)).status).toBe(200);

    await cluster.startExecutor();
    const control = await start('/control');
    expect((await cluster.api.waitForRun(control)).status).toBe('succeeded');
    await cluster.api.waitFor(queuesEmpty, 'the cancelled job to leave its queue');
    expect(effects.count('/control')).toBe(1);
    expect(effects.count('/victim-no-executor')).toBe(0);
  });
});
