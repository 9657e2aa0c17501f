import { Cluster } from '../support/cluster';
import { PrivateRedis } from '../support/private-redis';

describe('Redis is only the transport (DESIGN invariant 1)', () => {
  let redis: PrivateRedis;
  let cluster: Cluster;

  beforeAll(async () => {
    redis = await PrivateRedis.start();
    cluster = await Cluster.start('e2e-flush', {
      REDIS_URL: redis.url,
      RECONCILE_INTERVAL_MS: '500',
      RECONCILE_QUEUED_GRACE_MS: '1000',
    });
  });

  afterAll(async () => {
    await cluster?.stop();
    await redis?.stop();
  });

  it('loses none of 500 runs when Redis is flushed in the middle of them', async () => {
    await cluster.api.post('/api/v1/workflows', {
      name: 'two-step',
      tasks: [
        { key: 'first', type: 'core.sleep', input: { ms: 5 } },
        { key: 'second', type: 'core.noop', dependsOn: ['first'], input: { after: '{{ tasks.first.output }}' } },
      ],
    });
    const ids: string[] = [];
    const submit = async (count: number) => {
      for (let i = 0; i < count; i += 1) {
        const response = await cluster.api.post<{ id: string }>('/api/v1/workflows/two-step/runs', { input: { i } });
        expect(response.status).toBe(201);
        ids.push(response.body.id);
      }
    };
    await submit(250);
    await redis.flushAll();
    await submit(250);
    await redis.flushAll();

    await cluster.api.waitFor(
      async () => {
        const [row] = await cluster.sql<{ n: number }>(
          `SELECT count(*)::int AS n FROM runs WHERE status = 'succeeded'`,
        );
        return row!.n === 500;
      },
      'all 500 runs to succeed',
      120_000,
    );
    const statuses = await cluster.sql<{ status: string; n: number }>(
      'SELECT status, count(*)::int AS n FROM runs GROUP BY status',
    );
    expect(statuses).toEqual([{ status: 'succeeded', n: 500 }]);
    expect(new Set(ids).size).toBe(500);
  });
});
