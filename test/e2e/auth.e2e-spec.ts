import { randomBytes } from 'node:crypto';
import { ApiClient, freePort } from '../support/api-client';
import { AppProcess } from '../support/app-process';
import { Cluster } from '../support/cluster';

const ADMIN_KEY = `tlk_${randomBytes(16).toString('hex')}_${randomBytes(32).toString('hex')}`;
const NO_SUCH_ID = '00000000-0000-4000-8000-000000000000';

interface CreatedKey {
  id: string;
  name: string;
  tenant: string;
  scopes: string[];
  key: string;
}

interface OpenApiDocument {
  paths: Record<string, Record<string, unknown>>;
}

describe('API keys, scopes, tenants, rate limits and the queue dashboard with AUTH_ENABLED=true', () => {
  let cluster: Cluster;
  let anonymous: ApiClient;
  let admin: ApiClient;
  const keys: Record<'acmeSubmit' | 'acmeRead' | 'globexSubmit', CreatedKey> = {} as never;

  async function createKey(body: { name: string; tenant?: string; scopes: string[] }): Promise<CreatedKey> {
    const created = await admin.post<CreatedKey>('/api/v1/admin/api-keys', body);
    expect(created.status).toBe(201);
    return created.body;
  }

  const as = (key: CreatedKey) => cluster.api.withKey(key.key);

  beforeAll(async () => {
    cluster = await Cluster.start('e2e-auth', { AUTH_ENABLED: 'true', AUTH_BOOTSTRAP_ADMIN_KEY: ADMIN_KEY });
    anonymous = cluster.api;
    admin = cluster.api.withKey(ADMIN_KEY);
    keys.acmeSubmit = await createKey({ name: 'acme ci', tenant: 'acme', scopes: ['submit'] });
    keys.acmeRead = await createKey({ name: 'acme dashboard', tenant: 'acme', scopes: ['read'] });
    keys.globexSubmit = await createKey({ name: 'globex ci', tenant: 'globex', scopes: ['submit'] });
  });

  afterAll(async () => {
    await cluster?.stop();
  });

  it('says at start that auth is on, and keeps health probes and the OpenAPI document public', async () => {
    await cluster.processes.find((process) => process.app === 'api')!.waitForLog(/auth is ON/);
    expect((await anonymous.get('/health')).status).toBe(200);
    expect((await anonymous.get('/health/ready')).status).toBe(200);
    expect((await anonymous.get('/docs-json')).status).toBe(200);
    expect((await fetch(`${cluster.api.base}/docs`)).status).toBe(200);
  });

  it('shows a created key once and lists keys without their secrets', async () => {
    expect(keys.acmeSubmit).toMatchObject({
      tenant: 'acme',
      scopes: ['submit'],
      key: expect.stringMatching(/^tlk_[0-9a-f]{32}_[0-9a-f]{64}$/),
    });
    const listed = await admin.get<{ items: Record<string, unknown>[] }>('/api/v1/admin/api-keys');
    expect(listed.status).toBe(200);
    expect(listed.body.items.map((key) => key.name)).toEqual(
      expect.arrayContaining(['bootstrap admin', 'acme ci', 'acme dashboard', 'globex ci']),
    );
    expect(listed.body.items.find((key) => key.id === keys.acmeSubmit.id)).toEqual({
      id: keys.acmeSubmit.id,
      name: 'acme ci',
      tenant: 'acme',
      scopes: ['submit'],
      createdAt: expect.any(String),
      revokedAt: null,
    });
    const secret = keys.acmeSubmit.key.split('_')[2]!;
    expect(JSON.stringify(listed.body)).not.toContain(secret);

    const invalid = await admin.post<{ message: string }>('/api/v1/admin/api-keys', { name: 'x', scopes: ['root'] });
    expect(invalid.status).toBe(400);
    expect(invalid.body.message).toMatch(/^scopes/);
  });

  it('answers 401 to a missing, malformed, unknown, wrong or revoked key', async () => {
    const missing = await anonymous.get<{ statusCode: number }>('/api/v1/runs');
    expect(missing.status).toBe(401);
    expect(missing.body.statusCode).toBe(401);
    expect(missing.headers.get('www-authenticate')).toBe('Bearer');
    expect((await cluster.api.withKey('not-a-key').get('/api/v1/runs')).status).toBe(401);
    const unknown = `tlk_${randomBytes(16).toString('hex')}_${randomBytes(32).toString('hex')}`;
    expect((await cluster.api.withKey(unknown).get('/api/v1/runs')).status).toBe(401);
    const wrongSecret = keys.acmeRead.key.replace(/_[0-9a-f]{64}$/, `_${'0'.repeat(64)}`);
    expect((await cluster.api.withKey(wrongSecret).get('/api/v1/runs')).status).toBe(401);

    const doomed = await createKey({ name: 'doomed', tenant: 'acme', scopes: ['read'] });
    expect((await as(doomed).get('/api/v1/runs')).status).toBe(200);
    expect((await admin.request('DELETE', `/api/v1/admin/api-keys/${doomed.id}`)).status).toBe(204);
    expect((await as(doomed).get('/api/v1/runs')).status).toBe(401);
    expect((await admin.request('DELETE', `/api/v1/admin/api-keys/${NO_SUCH_ID}`)).status).toBe(404);
    const listed = await admin.get<{ items: { id: string; revokedAt: string | null }[] }>('/api/v1/admin/api-keys');
    expect(listed.body.items.find((key) => key.id === doomed.id)?.revokedAt).toEqual(expect.any(String));
  });

  it('lets a read key read but not register or submit (403), and a submit key do both', async () => {
    const definition = { name: 'tenant-probe', tasks: [{ key: 'a', type: 'core.noop', input: { n: 1 } }] };
    const refused = await as(keys.acmeRead).post<{ statusCode: number; message: string }>(
      '/api/v1/workflows',
      definition,
    );
    expect(refused.status).toBe(403);
    expect(refused.body).toMatchObject({ statusCode: 403, message: expect.stringMatching(/submit/) });
    expect((await as(keys.acmeSubmit).post('/api/v1/workflows', definition)).status).toBe(201);
    expect((await as(keys.acmeRead).get('/api/v1/workflows/tenant-probe')).status).toBe(200);
    expect((await as(keys.acmeRead).post('/api/v1/workflows/tenant-probe/runs', { input: {} })).status).toBe(403);
  });

  it("keeps each tenant's runs to itself: another tenant gets 404 and does not find them", async () => {
    const started = await as(keys.acmeSubmit).post<{ id: string }>('/api/v1/workflows/tenant-probe/runs', {
      input: {},
      tags: ['acme-only'],
    });
    expect(started.status).toBe(201);
    const runId = started.body.id;
    expect((await as(keys.acmeRead).waitForRun(runId)).status).toBe('succeeded');
    expect((await as(keys.acmeRead).get(`/api/v1/runs/${runId}/tasks/a/logs`)).status).toBe(200);
    const acmeSearch = await as(keys.acmeRead).get<{ items: { id: string }[] }>('/api/v1/runs?tag=acme-only');
    expect(acmeSearch.body.items.map((run) => run.id)).toEqual([runId]);
    expect((await cluster.sql<{ tenant: string }>('SELECT tenant FROM runs WHERE id = $1', [runId]))[0]?.tenant).toBe(
      'acme',
    );

    for (const outsider of [as(keys.globexSubmit), admin]) {
      expect((await outsider.get(`/api/v1/runs/${runId}`)).status).toBe(404);
      expect((await outsider.get(`/api/v1/runs/${runId}/tasks/a/logs`)).status).toBe(404);
      for (const action of ['cancel', 'pause', 'resume', 'retry']) {
        expect((await outsider.post(`/api/v1/runs/${runId}/${action}`)).status).toBe(404);
      }
      const search = await outsider.get<{ items: { id: string }[] }>('/api/v1/runs?tag=acme-only');
      expect(search.status).toBe(200);
      expect(search.body.items).toEqual([]);
    }

    // The same idempotency key in two tenants is two runs (of each tenant's own tenant-probe).
    const globexProbe = { name: 'tenant-probe', tasks: [{ key: 'a', type: 'core.noop', input: { n: 2 } }] };
    expect((await as(keys.globexSubmit).post('/api/v1/workflows', globexProbe)).status).toBe(201);
    const acmeRun = await as(keys.acmeSubmit).post<{ id: string }>('/api/v1/workflows/tenant-probe/runs', {
      input: {},
      idempotencyKey: 'k-1',
    });
    const globexRun = await as(keys.globexSubmit).post<{ id: string }>('/api/v1/workflows/tenant-probe/runs', {
      input: {},
      idempotencyKey: 'k-1',
    });
    expect([acmeRun.status, globexRun.status]).toEqual([201, 201]);
    expect(globexRun.body.id).not.toBe(acmeRun.body.id);
  });

  it('guards every admin endpoint in the OpenAPI document: 401 without a key, 403 without admin, neither with admin', async () => {
    const document = (await anonymous.get<OpenApiDocument>('/docs-json')).body;
    const operations = Object.entries(document.paths)
      .filter(([path]) => path.startsWith('/api/v1/admin/'))
      .flatMap(([path, methods]) =>
        Object.keys(methods).map((method) => ({
          method: method.toUpperCase(),
          path: path.replace(/\{[^}]+\}/g, NO_SUCH_ID),
        })),
      );
    expect(operations).toEqual(
      expect.arrayContaining([
        { method: 'POST', path: '/api/v1/admin/api-keys' },
        { method: 'GET', path: '/api/v1/admin/api-keys' },
        { method: 'DELETE', path: `/api/v1/admin/api-keys/${NO_SUCH_ID}` },
      ]),
    );
    for (const { method, path } of operations) {
      const body = method === 'GET' || method === 'DELETE' ? undefined : {};
      const label = `${method} ${path}`;
      expect([label, (await anonymous.request(method, path, body)).status]).toEqual([label, 401]);
      expect([label, (await as(keys.acmeSubmit).request(method, path, body)).status]).toEqual([label, 403]);
      expect([label, (await as(keys.acmeRead).request(method, path, body)).status]).toEqual([label, 403]);
      const status = (await admin.request(method, path, body)).status;
      expect([label, status === 401 || status === 403]).toEqual([label, false]);
    }
  });

  it('serves the queue dashboard to admin keys only, by header or by a one-time ?key= that becomes a cookie', async () => {
    const dashboard = `${cluster.api.base}/admin/queues`;
    expect((await fetch(dashboard)).status).toBe(401);
    expect((await fetch(dashboard, { headers: { authorization: `Bearer ${keys.acmeSubmit.key}` } })).status).toBe(403);
    const page = await fetch(dashboard, { headers: { authorization: `Bearer ${ADMIN_KEY}` } });
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/text\/html/);

    expect((await fetch(`${dashboard}?key=${keys.acmeRead.key}`, { redirect: 'manual' })).status).toBe(403);
    const login = await fetch(`${dashboard}?key=${ADMIN_KEY}`, { redirect: 'manual' });
    expect(login.status).toBe(303);
    expect(login.headers.get('location')).not.toContain(ADMIN_KEY);
    const setCookie = login.headers.get('set-cookie') ?? '';
    expect(setCookie).toMatch(/HttpOnly/);
    expect(setCookie).toMatch(/SameSite=Strict/);
    const queues = await fetch(`${dashboard}/api/queues`, { headers: { cookie: setCookie.split(';')[0]! } });
    expect(queues.status).toBe(200);
    const names = ((await queues.json()) as { queues: { name: string }[] }).queues.map((queue) => queue.name);
    expect(names).toEqual(expect.arrayContaining(['tasks-{0000}-default', 'tasks-{0003}-default']));
  });

  it('answers 429 with Retry-After once a key passes API_RATE_LIMIT, counting each key on its own', async () => {
    const port = await freePort();
    const limited = new AppProcess('api', { ...cluster.env, PORT: String(port), API_RATE_LIMIT: '5' }).start();
    cluster.processes.push(limited);
    await limited.waitForLog(/rate limit 5 requests\/min per key/);
    const api = new ApiClient(`http://127.0.0.1:${port}`);
    const statuses: number[] = [];
    for (let request = 0; request < 5; request += 1)
      statuses.push((await api.withKey(keys.acmeRead.key).get('/api/v1/runs')).status);
    expect(statuses).toEqual([200, 200, 200, 200, 200]);
    const refused = await api.withKey(keys.acmeRead.key).get<{ statusCode: number; message: string }>('/api/v1/runs');
    expect(refused.status).toBe(429);
    expect(refused.body).toMatchObject({ statusCode: 429, message: expect.stringMatching(/API_RATE_LIMIT/) });
    const retryAfter = Number(refused.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect((await api.withKey(keys.acmeSubmit.key).get('/api/v1/runs')).status).toBe(200);
    expect((await api.get('/health')).status).toBe(200);
  });
});
