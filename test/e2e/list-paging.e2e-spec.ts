import { Client } from 'pg';
import { Cluster } from '../support/cluster';

const RUNS = 5_000;
const BURSTS = 40;
const PAGE = 37;

interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/** base64url of a JSON array, the way the API writes its cursors. */
const cursorOf = (parts: unknown[]) => Buffer.from(JSON.stringify(parts)).toString('base64url');

/**
 * Every list pages with an exact, opaque cursor: rows created in the same
 * statement share a created_at, and rows a few microseconds apart share a
 * millisecond, so a cursor that kept milliseconds (or trusted the clock
 * alone) would skip or repeat rows at page boundaries.
 */
describe('list paging: every item exactly once', () => {
  let cluster: Cluster;

  beforeAll(async () => {
    cluster = await Cluster.start('e2e-list-paging', {}, { executor: false });
  });

  afterAll(async () => {
    await cluster?.stop();
  });

  async function pageAll<T>(path: string, limit: number): Promise<T[]> {
    const seen: T[] = [];
    let cursor: string | null = null;
    for (let page = 0; page < 10_000; page += 1) {
      const separator = path.includes('?') ? '&' : '?';
      const query: string = `${path}${separator}limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`;
      const response = await cluster.api.get<Page<T>>(query);
      expect([query, response.status]).toEqual([query, 200]);
      expect(response.body.items.length).toBeLessThanOrEqual(limit);
      seen.push(...response.body.items);
      cursor = response.body.nextCursor;
      if (cursor === null) return seen;
      expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    }
    throw new Error(`${path} did not end`);
  }

  it(`pages ${RUNS} runs created in concurrent bursts with shared timestamps, finding each exactly once`, async () => {
    const [definition] = await cluster.sql<{ id: string }>(
      `INSERT INTO workflow_definitions (name, version, checksum, definition)
       VALUES ('paging', 1, 'x', '{"name": "paging", "tasks": []}') RETURNING id`,
    );
    // Concurrent bursts: each statement's rows share its now(); every third burst instead spreads its
    // rows over a few microseconds of one millisecond, the boundary a millisecond cursor got wrong.
    const perBurst = RUNS / BURSTS;
    const clients = await Promise.all(
      Array.from({ length: 8 }, async () => {
        const client = new Client({ connectionString: cluster.services.databaseUrl });
        await client.connect();
        return client;
      }),
    );
    try {
      // Eight connections at once, each sending its share of the bursts back to back.
      await Promise.all(
        clients.map(async (client, index) => {
          for (let burst = index; burst < BURSTS; burst += clients.length) {
            await client.query(
              `INSERT INTO runs (id, definition_id, workflow_name, workflow_version, status, priority, input,
                                 tasks_remaining, created_at)
               SELECT gen_random_uuid(), $1, 'paging', 1, CASE WHEN i % 2 = 0 THEN 'succeeded' ELSE 'failed' END, 2,
                      '{}', 0,
                      CASE WHEN $2 THEN date_trunc('milliseconds', now()) + (i % 7) * interval '1 microsecond'
                           ELSE now() END
                 FROM generate_series(1, $3) AS i`,
              [definition!.id, burst % 3 === 0, perBurst],
            );
          }
        }),
      );
    } finally {
      await Promise.all(clients.map((client) => client.end()));
    }
    const [shape] = await cluster.sql<{ runs: number; instants: number }>(
      `SELECT count(*)::int AS runs, count(DISTINCT created_at)::int AS instants FROM runs`,
    );
    expect(shape!.runs).toBe(RUNS);
    expect(shape!.instants).toBeLessThan(RUNS / 10);

    const ids = (await pageAll<{ id: string }>('/api/v1/runs', PAGE)).map((run) => run.id);
    expect(ids).toHaveLength(RUNS);
    expect(new Set(ids).size).toBe(RUNS);
    const stored = await cluster.sql<{ id: string }>('SELECT id FROM runs ORDER BY created_at DESC, id DESC');
    expect(ids).toEqual(stored.map((row) => row.id));

    // A filter keeps its own exact order too.
    const failed = (await pageAll<{ id: string; status: string }>('/api/v1/runs?status=failed', PAGE)).map(
      (run) => run.id,
    );
    const [failedCount] = await cluster.sql<{ n: number }>(
      `SELECT count(*)::int AS n FROM runs WHERE status = 'failed'`,
    );
    expect(failed).toHaveLength(failedCount!.n);
    expect(new Set(failed).size).toBe(failedCount!.n);
  });

  it('pages workflows by (name, owner), shared ones included, each exactly once', async () => {
    await cluster.sql(
      `INSERT INTO workflow_definitions (tenant, name, version, checksum, definition)
       SELECT 'default', 'wf-' || lpad(i::text, 2, '0'), v, 'c' || v, jsonb_build_object('name', 'wf-' || i)
         FROM generate_series(1, 23) AS i, generate_series(1, 2) AS v`,
    );
    // Another tenant's workflow of a name the default tenant also has, shared with it: both are listed.
    await cluster.sql(
      `INSERT INTO workflow_definitions (tenant, name, version, checksum, definition)
       VALUES ('other', 'wf-05', 1, 'o', '{"name": "wf-05"}'), ('other', 'wf-hidden', 1, 'o', '{"name": "wf-hidden"}')`,
    );
    await cluster.sql(`INSERT INTO workflow_shares (tenant, name, grantee) VALUES ('other', 'wf-05', 'default')`);

    const listed = await pageAll<{ name: string; owner: string; shared: boolean; latestVersion: number }>(
      '/api/v1/workflows',
      4,
    );
    const keys = listed.map((item) => `${item.name}@${item.owner}`);
    expect(new Set(keys).size).toBe(listed.length);
    expect(keys).toContain('wf-05@other');
    expect(keys).not.toContain('wf-hidden@other');
    expect(listed.filter((item) => item.name.startsWith('wf-'))).toHaveLength(24);
    expect(listed.find((item) => item.name === 'wf-07')).toMatchObject({ owner: 'default', latestVersion: 2 });
    expect(listed.find((item) => item.owner === 'other')).toMatchObject({ name: 'wf-05', shared: true });
  });

  it('pages API keys created in one statement, each exactly once', async () => {
    await cluster.sql(
      `INSERT INTO api_keys (id, name, tenant, scopes, secret_hash)
       SELECT gen_random_uuid(), 'key ' || i, CASE WHEN i % 2 = 0 THEN 'acme' ELSE 'globex' END, '{read}', '\\x00'
         FROM generate_series(1, 13) AS i`,
    );
    const all = await pageAll<{ id: string }>('/api/v1/admin/api-keys', 4);
    expect(all).toHaveLength(13);
    expect(new Set(all.map((key) => key.id)).size).toBe(13);
    const acme = await pageAll<{ tenant: string }>('/api/v1/admin/api-keys?tenant=acme', 2);
    expect(acme.map((key) => key.tenant)).toEqual(Array.from({ length: 6 }, () => 'acme'));
  });

  it.each([
    ['/api/v1/runs', 'not a cursor'],
    ['/api/v1/runs', cursorOf(['2026-12-05T13:05:57.123456Z', 'not-a-uuid'])],
    ['/api/v1/runs', cursorOf(['2026-12-05T13:05:57.123Z', '0193a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b'])],
    ['/api/v1/runs', Buffer.from('2026-12-05T13:05:57.123Z|x').toString('base64url')],
    ['/api/v1/workflows', cursorOf(['wf-01'])],
    ['/api/v1/admin/api-keys', cursorOf([1, 2])],
  ])('answers 400 naming the cursor to a malformed cursor on %s', async (path, cursor) => {
    const response = await cluster.api.get<{ statusCode: number; details: { path: string }[] }>(
      `${path}?cursor=${encodeURIComponent(cursor)}`,
    );
    expect(response.status).toBe(400);
    expect(response.body.details).toEqual([expect.objectContaining({ path: 'cursor' })]);
  });
});
