import { randomBytes } from 'node:crypto';
import { Cluster } from '../support/cluster';
import { sampleValue } from '../support/prometheus-text';

const ADMIN_KEY = `tlk_${'a'.repeat(32)}_${'b'.repeat(64)}`;
const randomKey = () => `tlk_${randomBytes(16).toString('hex')}_${randomBytes(32).toString('hex')}`;

/** /metrics and failed authentications cost the shared PostgreSQL a bounded amount, whoever calls. */
describe('cheap attacks on shared resources', () => {
  let cluster: Cluster;

  beforeAll(async () => {
    cluster = await Cluster.start('e2e-cheap-attacks', {
      AUTH_ENABLED: 'true',
      AUTH_BOOTSTRAP_ADMIN_KEY: ADMIN_KEY,
      AUTH_FAILURE_LIMIT: '10',
      METRICS_CLUSTER_INTERVAL_MS: '600000',
    });
  });

  afterAll(async () => {
    await cluster?.stop();
  });

  it('computes the cluster gauges once per interval, however many scrapers there are', async () => {
    const scrapes = await Promise.all(
      Array.from({ length: 40 }, () => fetch(`${cluster.api.base}/metrics`).then((response) => response.text())),
    );
    for (const exposition of scrapes) {
      expect(sampleValue(exposition, 'taskloom_cluster_metrics_refreshes_total')).toBe(1);
      expect(sampleValue(exposition, 'taskloom_executors_live')).toBe(1);
    }
    const later = await fetch(`${cluster.api.base}/metrics`).then((response) => response.text());
    expect(sampleValue(later, 'taskloom_cluster_metrics_refreshes_total')).toBe(1);
  });

  it('throttles failed authentications per client without locking out a key that works', async () => {
    const admin = cluster.api.withKey(ADMIN_KEY);
    expect((await admin.get('/api/v1/workflows')).status).toBe(200);
    const statuses: number[] = [];
    for (let i = 0; i < 25; i++) {
      const answer = await cluster.api.withKey(randomKey()).get<{ statusCode: number }>('/api/v1/workflows');
      statuses.push(answer.status);
      if (answer.status === 429) expect(Number(answer.headers.get('retry-after'))).toBeGreaterThan(0);
    }
    expect(statuses.slice(0, 10)).toEqual(Array(10).fill(401));
    expect(statuses.slice(10)).toEqual(Array(15).fill(429));
    // The valid key, known to the api, still works from the same address, and was never evicted.
    expect((await admin.get('/api/v1/workflows')).status).toBe(200);
  });
});
