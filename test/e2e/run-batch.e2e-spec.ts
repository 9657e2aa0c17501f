import { randomBytes } from 'node:crypto';
import type { ApiClient } from '../support/api-client';
import { Cluster } from '../support/cluster';

const OPERATOR_KEY = `tlk_${randomBytes(16).toString('hex')}_${randomBytes(32).toString('hex')}`;
const BACKLOG_LIMIT = 1_500;

interface BatchItem {
  result: 'created' | 'existing' | 'rejected';
  id?: string;
  status?: string;
  workflow?: string;
  version?: number;
  error?: { statusCode: number; error: string; message: string; details?: unknown };
}

interface BatchResult {
  created: number;
  existing: number;
  rejected: number;
  items: BatchItem[];
}

/**
 * `POST /workflows/{name}/runs:batch` on real api, router and executor
 * processes with auth on: one cluster for the suite, whose backlog limit
 * lets a full batch in on an empty system and refuses one past it.
 */
describe('starting runs in batches', () => {
  let cluster: Cluster;
  let acme: ApiClient;
  let globex: ApiClient;

  const batch = (client: ApiClient, workflow: string, runs: unknown[]) =>
    client.post<BatchResult>(`/api/v1/workflows/${workflow}/runs:batch`, { runs });

  async function countRuns(status: string): Promise<number> {
    const [row] = await cluster.sql<{ n: number }>('SELECT count(*)::int AS n FROM runs WHERE status = $1', [status]);
    return row!.n;
  }

  beforeAll(async () => {
    cluster = await Cluster.start('e2e-run-batch', {
      AUTH_ENABLED: 'true',
      AUTH_BOOTSTRAP_ADMIN_KEY: OPERATOR_KEY,
      API_BACKLOG_LIMIT: String(BACKLOG_LIMIT),
    });
    const operator = cluster.api.withKey(OPERATOR_KEY);
    const keyOf = async (tenant: string) => {
      const created = await operator.post<{ key: string }>('/api/v1/admin/api-keys', {
        name: `${tenant} ci`,
        tenant,
        scopes: ['submit'],
      });
      expect(created.status).toBe(201);
      return cluster.api.withKey(created.body.key);
    };
    acme = await keyOf('acme');
    globex = await keyOf('globex');
    const registered = await acme.post('/api/v1/workflows', {
      name: 'order',
      inputSchema: { type: 'object', properties: { n: { type: 'integer' } }, required: ['n'] },
      tasks: [{ key: 'a', type: 'core.noop', input: { n: '{{ run.input.n }}' } }],
    });
    expect(registered.status).toBe(201);
  });

  afterAll(async () => {
    await cluster?.stop();
  });

  it('creates a full batch of 1,000 runs, in order, and every one succeeds', async () => {
    const runs = Array.from({ length: 1_000 }, (_, n) => ({ input: { n } }));
    const response = await batch(acme, 'order', runs);
    expect(response.status).toBe(200);
    expect([response.body.created, response.body.existing, response.body.rejected]).toEqual([1_000, 0, 0]);
    expect(new Set(response.body.items.map((item) => item.result))).toEqual(new Set(['created']));
    expect(new Set(response.body.items.map((item) => item.id)).size).toBe(1_000);

    // Item i is the run whose input was runs[i].
    const stored = await cluster.sql<{ id: string; n: number; tenant: string }>(
      `SELECT id, (input->>'n')::int AS n, tenant FROM runs WHERE id = ANY($1::uuid[])`,
      [response.body.items.map((item) => item.id)],
    );
    const byId = new Map(stored.map((row) => [row.id, row]));
    expect(response.body.items.map((item) => byId.get(item.id!)?.n)).toEqual(runs.map((run) => run.input.n));
    expect(new Set(stored.map((row) => row.tenant))).toEqual(new Set(['acme']));

    await cluster.api.waitFor(async () => (await countRuns('succeeded')) === 1_000, '1,000 succeeded runs', 120_000);
  });

  it('answers each item on its own: created, existing by key (earlier or in the batch), rejected with its error', async () => {
    const earlier = await acme.post<{ id: string }>('/api/v1/workflows/order/runs', {
      input: { n: 1 },
      idempotencyKey: 'seen-before',
    });
    expect(earlier.status).toBe(201);
    const badInput = { input: { n: 'one' } };
    const badShape = { input: { n: 2 }, priority: 'urgent' };
    const response = await batch(acme, 'order', [
      { input: { n: 10 }, idempotencyKey: 'seen-before' },
      { input: { n: 11 }, idempotencyKey: 'twice-here', tags: ['first'] },
      badInput,
      { input: { n: 12 }, idempotencyKey: 'twice-here', tags: ['second'] },
      badShape,
      { input: { n: 13 }, version: 9 },
      { input: { n: 14 } },
    ]);
    expect(response.status).toBe(200);
    const items = response.body.items;
    expect(items.map((item) => item.result)).toEqual([
      'existing',
      'created',
      'rejected',
      'existing',
      'rejected',
      'rejected',
      'created',
    ]);
    expect([response.body.created, response.body.existing, response.body.rejected]).toEqual([2, 2, 3]);
    expect(items[0]!.id).toBe(earlier.body.id);
    expect(items[3]!.id).toBe(items[1]!.id);
    expect(items[1]).toEqual({
      result: 'created',
      id: expect.any(String),
      status: 'pending',
      workflow: 'order',
      version: 1,
    });

    // A rejected item carries exactly what the single start answers for the same body.
    for (const [index, body] of [
      [2, badInput],
      [4, badShape],
      [5, { input: { n: 13 }, version: 9 }],
    ] as const) {
      const single = await acme.post('/api/v1/workflows/order/runs', body);
      expect([index, items[index]!.error]).toEqual([index, single.body]);
    }
    expect(items[2]!.error).toMatchObject({ statusCode: 400, error: 'ValidationError' });
    expect(items[4]!.error).toMatchObject({ statusCode: 400, message: expect.stringContaining('priority') });
    expect(items[5]!.error).toMatchObject({ statusCode: 404, message: 'workflow order version 9 not found' });

    const [twice] = await cluster.sql<{ n: number; tags: string[] }>(
      `SELECT count(*)::int AS n, min(tags::text) AS tags FROM runs WHERE idempotency_key = 'twice-here'`,
    );
    expect(twice).toEqual({ n: 1, tags: '{first}' });
    for (const index of [1, 6]) expect((await acme.waitForRun(items[index]!.id!)).status).toBe('succeeded');
  });

  it('refuses a batch over API_RUN_BATCH_MAX, naming the limit, and starts none of it', async () => {
    const before = await cluster.sql<{ n: number }>('SELECT count(*)::int AS n FROM runs');
    const response = await batch(
      acme,
      'order',
      Array.from({ length: 1_001 }, (_, n) => ({ input: { n } })),
    );
    expect(response.status).toBe(413);
    expect(response.body).toMatchObject({ message: expect.stringContaining('API_RUN_BATCH_MAX') });
    expect(await cluster.sql('SELECT count(*)::int AS n FROM runs')).toEqual(before);
    expect((await batch(acme, 'order', [])).status).toBe(400);
  });

  it("answers 404 for another tenant's workflow, as the single start does", async () => {
    const response = await batch(globex, 'order', [{ input: { n: 1 } }]);
    expect(response.status).toBe(404);
    expect(response.body).toEqual((await globex.post('/api/v1/workflows/order/runs', { input: { n: 1 } })).body);
    const [row] = await cluster.sql<{ n: number }>(`SELECT count(*)::int AS n FROM runs WHERE tenant = 'globex'`);
    expect(row!.n).toBe(0);
  });

  it('answers 429 with Retry-After to the whole batch past the backlog limit', async () => {
    // Without an executor the backlog stays: a full batch takes it past the limit.
    await cluster.processes.find((process) => process.app === 'executor')!.stop();
    const full = Array.from({ length: 1_000 }, (_, n) => ({ input: { n } }));
    // Past the limit only once the second is in: a batch is let in while the backlog is under it.
    for (let i = 0; i < 2; i++) expect((await batch(acme, 'order', full)).body.created).toBe(1_000);
    let refused: { status: number; headers: Headers; body: BatchResult } | undefined;
    await cluster.api.waitFor(async () => {
      refused = await batch(acme, 'order', [{ input: { n: 1 } }, { input: { n: 2 } }]);
      return refused.status === 429;
    }, 'a 429');
    expect(Number(refused!.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(refused!.body).toMatchObject({ message: expect.stringContaining('API_BACKLOG_LIMIT') });
  });
});
