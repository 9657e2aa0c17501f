import { Client } from 'pg';
import { ApiClient, freePort } from '../support/api-client';
import { AppProcess, type AppName } from '../support/app-process';
import { RedisCluster } from '../support/redis-cluster';
import { createSuiteServices, type SuiteServices } from '../support/services';

const RUNS = 1_000;
/** Submissions in flight at once, spread over both apis. */
const IN_FLIGHT = 20;
/** Six processes start at once on two cores: give each more than the usual 30 s. */
const START_TIMEOUT_MS = 120_000;
const READY_LINE: Record<string, RegExp> = {
  executor: /serving \d+ queue/,
  router: /taskloom-router dispatching/,
  api: /taskloom-api listening/,
};

const FAN_OUT = {
  name: 'fan-out',
  tasks: [
    { key: 'a', type: 'core.noop', input: { n: '{{ run.input.n }}' } },
    { key: 'b', type: 'core.noop', dependsOn: ['a'], input: { from: '{{ tasks.a.output.n }}' } },
    { key: 'c', type: 'core.noop', dependsOn: ['a'], input: { from: '{{ tasks.a.output.n }}' } },
  ],
};

/**
 * DESIGN §13 on a real Redis Cluster (three masters, a replica each): two
 * apis, two routers and two executors share it, a master is killed with
 * SIGKILL halfway through, its replica takes over, and every run still
 * succeeds with each task run once, bar attempts the failover interrupted.
 */
describe('Redis Cluster: many processes and a master failover', () => {
  let redis: RedisCluster;
  let services: SuiteServices;
  const processes: AppProcess[] = [];
  let apis: ApiClient[];

  async function start(app: AppName, env: Record<string, string>): Promise<void> {
    const child = new AppProcess(app, env).start();
    processes.push(child);
    await child.waitForLog(READY_LINE[app]!, START_TIMEOUT_MS);
  }

  async function sql<T = Record<string, unknown>>(text: string): Promise<T[]> {
    const client = new Client({ connectionString: services.databaseUrl });
    await client.connect();
    try {
      return (await client.query(text)).rows as T[];
    } finally {
      await client.end();
    }
  }

  beforeAll(async () => {
    [redis, services] = await Promise.all([RedisCluster.start(), createSuiteServices('e2e-redis-cluster')]);
    const env = {
      ...services.env,
      HOST: '127.0.0.1',
      REDIS_CLUSTER_NODES: redis.nodes,
      QUEUE_PARTITIONS: '6',
      RECONCILE_INTERVAL_MS: '500',
      RECONCILE_QUEUED_GRACE_MS: '2000',
      EXECUTOR_HEARTBEAT_MS: '500',
      EXECUTOR_LOST_AFTER_MS: '4000',
    };
    const ports = [await freePort(), await freePort()];
    // An executor first: it creates the schema and publishes the task types definitions are checked against.
    await start('executor', env);
    await Promise.all([
      start('executor', env),
      start('router', env),
      start('router', env),
      ...ports.map((port) => start('api', { ...env, PORT: String(port) })),
    ]);
    apis = ports.map((port) => new ApiClient(`http://127.0.0.1:${port}`));
  });

  afterAll(async () => {
    await Promise.all(processes.map((child) => child.stop()));
    await services?.dispose();
    await redis?.stop();
  });

  it('runs 1,000 runs across 2 apis, 2 routers and 2 executors through a master failover', async () => {
    expect((await apis[1]!.post('/api/v1/workflows', FAN_OUT)).status).toBe(201);
    let next = 0;
    const submit = async (until: number) => {
      const lanes = Array.from({ length: IN_FLIGHT }, async (_, lane) => {
        for (let n = next++; n < until; n = next++) {
          const api = apis[(n + lane) % apis.length]!;
          const response = await api.post('/api/v1/workflows/fan-out/runs', { input: { n } });
          expect(response.status).toBe(201);
        }
      });
      await Promise.all(lanes);
      next = until;
    };

    await submit(RUNS / 2);
    // The master holding partition 0's queue: work is flowing through it now.
    const victim = await redis.masterOf('tasks-{0000}');
    await redis.kill(victim);
    await redis.waitUntilHealthy();
    expect(await redis.masters()).not.toContain(victim);
    await submit(RUNS);

    await apis[0]!.waitFor(
      async () => {
        const [row] = await sql<{ n: number }>(`SELECT count(*)::int AS n FROM runs WHERE status = 'succeeded'`);
        return row!.n === RUNS;
      },
      `all ${RUNS} runs to succeed`,
      150_000,
    );
    expect(await sql('SELECT status, count(*)::int AS n FROM runs GROUP BY status')).toEqual([
      { status: 'succeeded', n: RUNS },
    ]);
    // Each task has exactly one attempt that was not interrupted, and it succeeded: nothing ran twice.
    const [tasks] = await sql<{ tasks: number; succeeded: number; ranTwice: number }>(
      `SELECT count(*)::int AS tasks,
              count(*) FILTER (WHERE t.status = 'succeeded')::int AS succeeded,
              count(*) FILTER (WHERE (SELECT count(*) FROM task_attempts a
                                       WHERE a.task_id = t.id AND a.status <> 'interrupted') <> 1)::int AS "ranTwice"
         FROM tasks t`,
    );
    expect(tasks).toEqual({ tasks: 3 * RUNS, succeeded: 3 * RUNS, ranTwice: 0 });
    const [attempts] = await sql<{ succeeded: number }>(
      `SELECT count(*)::int AS succeeded FROM task_attempts WHERE status = 'succeeded'`,
    );
    expect(attempts!.succeeded).toBe(3 * RUNS);
  });

  it('lists and counts the queues (admin API and bull-board read through the cluster)', async () => {
    const listed = await apis[0]!.get<{ items: { name: string; pool: string; counts: { waiting: number } }[] }>(
      '/api/v1/admin/queues',
    );
    expect(listed.status).toBe(200);
    expect(listed.body.items.map((queue) => queue.name)).toEqual(
      Array.from({ length: 6 }, (_, partition) => `tasks-{000${partition}}-default`),
    );
    expect(listed.body.items.every((queue) => queue.counts.waiting === 0)).toBe(true);
    const ready = await apis[1]!.get<{ status: string }>('/health/ready');
    expect(ready.status).toBe(200);
  });
});
