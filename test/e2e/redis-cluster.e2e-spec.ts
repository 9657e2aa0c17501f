import { ApiClient, freePort } from '../support/api-client';
import { AppProcess } from '../support/app-process';
import { Cluster } from '../support/cluster';
import { RedisCluster } from '../support/redis-cluster';

const RUNS = 1_000;
/** Submissions in flight at once, spread over both apis. */
const IN_FLIGHT = 20;

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
  let cluster: Cluster;
  let apis: ApiClient[];

  beforeAll(async () => {
    redis = await RedisCluster.start();
    cluster = await Cluster.start('e2e-redis-cluster', {
      REDIS_CLUSTER_NODES: redis.nodes,
      QUEUE_PARTITIONS: '6',
      RECONCILE_INTERVAL_MS: '500',
      RECONCILE_QUEUED_GRACE_MS: '2000',
      EXECUTOR_HEARTBEAT_MS: '500',
      EXECUTOR_LOST_AFTER_MS: '4000',
    });
    const port = await freePort();
    const second = new AppProcess('api', { ...cluster.env, PORT: String(port) }).start();
    cluster.processes.push(second);
    await Promise.all([cluster.startExecutor(), cluster.startRouter(), second.waitForLog(/taskloom-api listening/)]);
    apis = [cluster.api, new ApiClient(`http://127.0.0.1:${port}`)];
  });

  afterAll(async () => {
    await cluster?.stop();
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

    await cluster.api.waitFor(
      async () => {
        const [row] = await cluster.sql<{ n: number }>(
          `SELECT count(*)::int AS n FROM runs WHERE status = 'succeeded'`,
        );
        return row!.n === RUNS;
      },
      `all ${RUNS} runs to succeed`,
      150_000,
    );
    expect(await cluster.sql('SELECT status, count(*)::int AS n FROM runs GROUP BY status')).toEqual([
      { status: 'succeeded', n: RUNS },
    ]);
    // Each task has exactly one attempt that was not interrupted, and it succeeded: nothing ran twice.
    const [tasks] = await cluster.sql<{ tasks: number; succeeded: number; ranTwice: number }>(
      `SELECT count(*)::int AS tasks,
              count(*) FILTER (WHERE t.status = 'succeeded')::int AS succeeded,
              count(*) FILTER (WHERE (SELECT count(*) FROM task_attempts a
                                       WHERE a.task_id = t.id AND a.status <> 'interrupted') <> 1)::int AS "ranTwice"
         FROM tasks t`,
    );
    expect(tasks).toEqual({ tasks: 3 * RUNS, succeeded: 3 * RUNS, ranTwice: 0 });
    const [attempts] = await cluster.sql<{ succeeded: number }>(
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
