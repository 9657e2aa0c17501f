import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Cluster } from '../support/cluster';
import { EffectCounter } from '../support/effect-counter';

interface QueueView {
  name: string;
  taskType: string;
  counts: { waiting: number; active: number; delayed: number; paused: number };
}

/**
 * A local endpoint that answers no call until the test releases it: a task calling it holds its executor
 * slot for as long as the test needs, however slowly the machine runs, where a fixed delay could end first.
 */
interface Gate {
  url: string;
  /** Calls received so far. */
  arrived(): number;
  /** Answers the calls held, and every later one at once. */
  release(): void;
  stop(): Promise<void>;
}

async function openGate(): Promise<Gate> {
  let arrived = 0;
  let released = false;
  const held: (() => void)[] = [];
  const server = createServer((request, response) => {
    arrived += 1;
    request.resume();
    const answer = () => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end('{}');
    };
    if (released) answer();
    else held.push(answer);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    arrived: () => arrived,
    release: () => {
      released = true;
      for (const answer of held.splice(0)) answer();
    },
    stop: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

/**
 * A job delivered after its run was cancelled never starts its handler,
 * however short the task: executors learn of cancels from the api before
 * it answers (the effect is counted by a local endpoint the task calls).
 */
describe('a task cancelled while queued never starts its handler', () => {
  let cluster: Cluster;
  let effects: EffectCounter;
  let gate: Gate;

  beforeAll(async () => {
    effects = await EffectCounter.start();
    gate = await openGate();
    // One task at a time: a second job waits for the executor's only slot. No lazy start record, so only the
    // cancel check can stop a short task.
    cluster = await Cluster.start('int-cancel-queued', {
      EXECUTOR_CONCURRENCY: '1',
      EXECUTOR_RUNNING_AFTER_MS: '600000',
      // http.request refuses loopback unless the operator allows it: allow the two local endpoints, and nothing else.
      HTTP_REQUEST_ALLOWED_HOSTS: `${new URL(effects.url).host},${new URL(gate.url).host}`,
    });
    const created = await cluster.api.post('/api/v1/workflows', {
      name: 'effect',
      tasks: [
        {
          key: 'call',
          type: 'http.request',
          // Long timeouts: a call held at the gate ends when the test releases it, not at a clock.
          timeoutMs: 600_000,
          input: { url: '{{ run.input.url }}', method: 'POST', timeoutMs: 600_000 },
        },
      ],
    });
    expect(created.status).toBe(201);
  });

  afterAll(async () => {
    gate?.release();
    await cluster?.stop();
    await effects?.stop();
    await gate?.stop();
  });

  async function start(path: string, base = effects.url): Promise<string> {
    const response = await cluster.api.post<{ id: string }>('/api/v1/workflows/effect/runs', {
      input: { url: `${base}${path}` },
    });
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
    const busy = await start('/busy', gate.url);
    await cluster.api.waitFor(async () => gate.arrived() === 1, 'the held call to take the slot');
    const victim = await start('/victim-waiting');
    await cluster.api.waitFor(async () => (await taskStatus(victim)) === 'queued', 'the second task to be queued');
    expect((await cluster.api.post(`/api/v1/runs/${victim}/cancel`)).status).toBe(200);
    gate.release();

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
