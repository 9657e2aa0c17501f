import { createHash, randomBytes } from 'node:crypto';
import { ApiClient, freePort } from '../support/api-client';
import { AppProcess } from '../support/app-process';
import { Cluster } from '../support/cluster';

const OPERATOR_KEY = `tlk_${randomBytes(16).toString('hex')}_${randomBytes(32).toString('hex')}`;

interface CreatedKey {
  id: string;
  tenant: string;
  scopes: string[];
  key: string;
}

interface WorkflowView {
  name: string;
  version: number;
  owner: string;
  shared: boolean;
  definition: { tasks: { input: { n: number } }[] };
  versions: { version: number }[];
}

const noop = (name: string, n: number) => ({ name, tasks: [{ key: 'a', type: 'core.noop', input: { n } }] });

/**
 * Tenancy with AUTH_ENABLED=true (ADR 0014): workflows belong to tenants and
 * are shared only explicitly and read-only; admin keys act within their own
 * tenant; only the bootstrap key's `operator` scope crosses tenants. Every
 * cross-tenant action answers 404 (an object the caller may not know about)
 * or 403 (a visible object or an operator power it lacks).
 */
describe('tenancy: tenant-owned workflows, read-only shares, tenant admins and the operator', () => {
  let cluster: Cluster;
  let operator: ApiClient;
  const keys = {} as Record<
    'acmeAdmin' | 'acmeSubmit' | 'globexAdmin' | 'globexSubmit' | 'initechAdmin' | 'initechSubmit',
    CreatedKey
  >;
  const as = (key: CreatedKey) => cluster.api.withKey(key.key);

  async function createKey(by: ApiClient, body: { name: string; tenant?: string; scopes: string[] }) {
    const created = await by.post<CreatedKey>('/api/v1/admin/api-keys', body);
    expect([body.name, created.status]).toEqual([body.name, 201]);
    return created.body;
  }

  async function register(key: CreatedKey, definition: unknown, expected = 201) {
    const response = await as(key).post<{ name: string; version: number }>('/api/v1/workflows', definition);
    expect([JSON.stringify(definition), response.status]).toEqual([JSON.stringify(definition), expected]);
    return response.body;
  }

  async function startRun(key: CreatedKey, name: string, body: Record<string, unknown> = {}) {
    const response = await as(key).post<{ id: string; version: number }>(`/api/v1/workflows/${name}/runs`, {
      input: {},
      ...body,
    });
    expect([name, response.status]).toEqual([name, 201]);
    return response.body;
  }

  const ownerOfRun = async (runId: string) =>
    (
      await cluster.sql<{ run_tenant: string; definition_tenant: string; n: number }>(
        `SELECT r.tenant AS run_tenant, d.tenant AS definition_tenant, (d.definition #>> '{tasks,0,input,n}')::int AS n
           FROM runs r JOIN workflow_definitions d ON d.id = r.definition_id WHERE r.id = $1`,
        [runId],
      )
    )[0];

  beforeAll(async () => {
    cluster = await Cluster.start('e2e-tenancy', { AUTH_ENABLED: 'true', AUTH_BOOTSTRAP_ADMIN_KEY: OPERATOR_KEY });
    operator = cluster.api.withKey(OPERATOR_KEY);
    for (const tenant of ['acme', 'globex', 'initech'] as const) {
      keys[`${tenant}Admin`] = await createKey(operator, { name: `${tenant} admin`, tenant, scopes: ['admin'] });
      keys[`${tenant}Submit`] = await createKey(operator, { name: `${tenant} ci`, tenant, scopes: ['submit'] });
    }
  });

  afterAll(async () => {
    await cluster?.stop();
  });

  describe('keys', () => {
    it('gives the bootstrap key the operator scope', async () => {
      const listed = await operator.get<{ items: { name: string; tenant: string; scopes: string[] }[] }>(
        '/api/v1/admin/api-keys?tenant=default',
      );
      expect(listed.body.items).toEqual([expect.objectContaining({ name: 'bootstrap admin', scopes: ['operator'] })]);
    });

    it("lets a tenant admin manage its own tenant's keys only", async () => {
      const own = await createKey(as(keys.acmeAdmin), { name: 'acme reader', scopes: ['read'] });
      expect(own.tenant).toBe('acme');
      expect(
        (await as(keys.acmeAdmin).post('/api/v1/admin/api-keys', { name: 'x', tenant: 'globex', scopes: ['read'] }))
          .status,
      ).toBe(403);
      expect(
        (await as(keys.acmeAdmin).post('/api/v1/admin/api-keys', { name: 'x', scopes: ['operator'] })).status,
      ).toBe(403);

      const listed = await as(keys.acmeAdmin).get<{ items: { id: string; tenant: string }[] }>(
        '/api/v1/admin/api-keys',
      );
      expect(listed.status).toBe(200);
      expect(new Set(listed.body.items.map((key) => key.tenant))).toEqual(new Set(['acme']));
      expect(listed.body.items.map((key) => key.id)).toEqual(
        expect.arrayContaining([keys.acmeAdmin.id, keys.acmeSubmit.id, own.id]),
      );
      expect((await as(keys.acmeAdmin).get('/api/v1/admin/api-keys?tenant=globex')).status).toBe(403);

      // Another tenant's key, the operator's included, is not there for it to revoke.
      expect(
        (await as(keys.acmeAdmin).request('DELETE', `/api/v1/admin/api-keys/${keys.globexSubmit.id}`)).status,
      ).toBe(404);
      const bootstrapId = OPERATOR_KEY.slice(4, 36).replace(/^(.{8})(.{4})(.{4})(.{4})/, '$1-$2-$3-$4-');
      expect((await as(keys.acmeAdmin).request('DELETE', `/api/v1/admin/api-keys/${bootstrapId}`)).status).toBe(404);
      expect((await as(keys.globexSubmit).get('/api/v1/runs')).status).toBe(200);
      expect((await operator.get('/api/v1/runs')).status).toBe(200);

      expect((await as(keys.acmeAdmin).request('DELETE', `/api/v1/admin/api-keys/${own.id}`)).status).toBe(204);
      expect((await as(own).get('/api/v1/runs')).status).toBe(401);
    });

    it('upgrades a bootstrap key seeded before the operator scope existed, at the next start', async () => {
      const id = randomBytes(16).toString('hex');
      const secret = randomBytes(32).toString('hex');
      const uuid = id.replace(/^(.{8})(.{4})(.{4})(.{4})/, '$1-$2-$3-$4-');
      await cluster.sql(
        `INSERT INTO api_keys (id, name, tenant, scopes, secret_hash) VALUES ($1, 'bootstrap admin', 'default', '{admin}', $2)`,
        [uuid, createHash('sha256').update(secret).digest()],
      );
      const port = await freePort();
      const api = new AppProcess('api', {
        ...cluster.env,
        PORT: String(port),
        AUTH_BOOTSTRAP_ADMIN_KEY: `tlk_${id}_${secret}`,
      }).start();
      cluster.processes.push(api);
      await api.waitForLog(/now has the operator scope/);
      await api.waitForLog(/taskloom-api listening/);
      const upgraded = new ApiClient(`http://127.0.0.1:${port}`).withKey(`tlk_${id}_${secret}`);
      expect((await upgraded.get('/api/v1/admin/stats')).status).toBe(200);
      expect((await upgraded.get('/api/v1/admin/api-keys?tenant=acme')).status).toBe(200);
    });

    it("lets the operator list, create and revoke every tenant's keys", async () => {
      const all = await operator.get<{ items: { tenant: string }[] }>('/api/v1/admin/api-keys?limit=500');
      expect(new Set(all.body.items.map((key) => key.tenant))).toEqual(
        new Set(['default', 'acme', 'globex', 'initech']),
      );
      const globexOnly = await operator.get<{ items: { tenant: string }[] }>('/api/v1/admin/api-keys?tenant=globex');
      expect(new Set(globexOnly.body.items.map((key) => key.tenant))).toEqual(new Set(['globex']));
      const temporary = await createKey(operator, { name: 'hooli temp', tenant: 'hooli', scopes: ['read'] });
      expect((await operator.request('DELETE', `/api/v1/admin/api-keys/${temporary.id}`)).status).toBe(204);
      expect((await as(temporary).get('/api/v1/runs')).status).toBe(401);
    });
  });

  describe('cluster operations', () => {
    it('are the operator’s alone: a tenant admin gets 403 from stats, queues, executors and queue control', async () => {
      const queue = encodeURIComponent('tasks-{0000}-default');
      const operations: [string, string][] = [
        ['GET', '/api/v1/admin/stats'],
        ['GET', '/api/v1/admin/queues'],
        ['GET', '/api/v1/admin/executors'],
        ['POST', `/api/v1/admin/queues/${queue}/pause`],
        ['POST', `/api/v1/admin/queues/${queue}/resume`],
        ['POST', `/api/v1/admin/queues/${queue}/drain`],
      ];
      for (const [method, path] of operations) {
        const label = `${method} ${path}`;
        const body = method === 'POST' ? {} : undefined;
        expect([label, (await as(keys.acmeAdmin).request(method, path, body)).status]).toEqual([label, 403]);
      }
      expect((await operator.get('/api/v1/admin/stats')).status).toBe(200);
      expect((await operator.get('/api/v1/admin/queues')).status).toBe(200);
      expect((await operator.post(`/api/v1/admin/queues/${queue}/resume`, {})).status).toBe(200);
    });

    it('serves the queue dashboard, which shows every tenant’s job inputs, to the operator only', async () => {
      const dashboard = `${cluster.api.base}/admin/queues`;
      const byHeader = await fetch(dashboard, { headers: { authorization: `Bearer ${keys.acmeAdmin.key}` } });
      expect(byHeader.status).toBe(403);
      const byQuery = await fetch(`${dashboard}?key=${keys.acmeAdmin.key}`, { redirect: 'manual' });
      expect(byQuery.status).toBe(403);
      expect(byQuery.headers.get('set-cookie')).toBeNull();
      const api = await fetch(`${dashboard}/api/queues`, {
        headers: { authorization: `Bearer ${keys.acmeAdmin.key}` },
      });
      expect(api.status).toBe(403);
      expect((await fetch(dashboard, { headers: { authorization: `Bearer ${OPERATOR_KEY}` } })).status).toBe(200);
    });
  });

  describe('workflows', () => {
    beforeAll(async () => {
      await register(keys.acmeSubmit, noop('orders', 1));
      await register(keys.acmeSubmit, noop('orders', 2));
      await register(keys.globexSubmit, noop('orders', 10));
      await register(keys.acmeSubmit, noop('shipping', 1));
    });

    it('keeps names and version sequences per tenant', async () => {
      const acme = await as(keys.acmeSubmit).get<WorkflowView>('/api/v1/workflows/orders');
      const globex = await as(keys.globexSubmit).get<WorkflowView>('/api/v1/workflows/orders');
      expect(acme.body).toMatchObject({ version: 2, owner: 'acme', shared: false });
      expect(acme.body.versions.map((v) => v.version)).toEqual([1, 2]);
      expect(globex.body).toMatchObject({ version: 1, owner: 'globex', shared: false });
      expect(globex.body.definition.tasks[0]!.input.n).toBe(10);
      // Registering the same definition again is idempotent within the tenant.
      expect(await register(keys.globexSubmit, noop('orders', 10), 200)).toEqual({ name: 'orders', version: 1 });
    });

    it("answers 404 to reading or starting another tenant's workflow, and lists only one's own", async () => {
      for (const path of ['/api/v1/workflows/shipping', '/api/v1/workflows/shipping/versions/1']) {
        expect([path, (await as(keys.globexSubmit).get(path)).status]).toEqual([path, 404]);
      }
      expect((await as(keys.globexSubmit).post('/api/v1/workflows/shipping/runs', { input: {} })).status).toBe(404);
      expect(
        (await as(keys.globexSubmit).post('/api/v1/workflows/shipping/runs', { input: {}, version: 1 })).status,
      ).toBe(404);
      // Naming the owner does not make an unshared workflow visible.
      expect((await as(keys.globexSubmit).get('/api/v1/workflows/shipping?owner=acme')).status).toBe(404);
      expect(
        (await as(keys.globexSubmit).post('/api/v1/workflows/shipping/runs', { input: {}, owner: 'acme' })).status,
      ).toBe(404);
      const listed = await as(keys.globexSubmit).get<{ items: { name: string; owner: string }[] }>('/api/v1/workflows');
      expect(listed.body.items).toEqual([expect.objectContaining({ name: 'orders', owner: 'globex' })]);
      // A definition cannot reach another tenant's workflow as a sub-workflow either.
      const sneaky = { name: 'sneaky', tasks: [{ key: 'ship', workflow: 'shipping' }] };
      expect((await as(keys.globexSubmit).post('/api/v1/workflows', sneaky)).status).toBe(400);
    });

    it("resolves unpinned runs and sub-workflow launches within the run's tenant", async () => {
      const acmeRun = await startRun(keys.acmeSubmit, 'orders');
      const globexRun = await startRun(keys.globexSubmit, 'orders');
      expect(acmeRun.version).toBe(2);
      expect(globexRun.version).toBe(1);
      expect(await ownerOfRun(acmeRun.id)).toEqual({ run_tenant: 'acme', definition_tenant: 'acme', n: 2 });
      expect(await ownerOfRun(globexRun.id)).toEqual({ run_tenant: 'globex', definition_tenant: 'globex', n: 10 });

      // Both tenants have a `leaf`; each one's `parent` launches its own.
      await register(keys.acmeSubmit, noop('leaf', 100));
      await register(keys.globexSubmit, noop('leaf', 200));
      const parent = { name: 'parent', tasks: [{ key: 'child', workflow: 'leaf' }] };
      await register(keys.acmeSubmit, parent);
      await register(keys.globexSubmit, parent);
      for (const [key, n] of [
        [keys.acmeSubmit, 100],
        [keys.globexSubmit, 200],
      ] as const) {
        const run = await startRun(key, 'parent');
        expect((await as(key).waitForRun(run.id)).status).toBe('succeeded');
        const [child] = await cluster.sql<{ id: string }>(
          `SELECT r.id FROM runs r JOIN tasks t ON t.id = r.parent_task_id WHERE t.run_id = $1`,
          [run.id],
        );
        expect(await ownerOfRun(child!.id)).toEqual({ run_tenant: key.tenant, definition_tenant: key.tenant, n });
      }
    });

    it("answers 404 to reading or controlling another tenant's runs", async () => {
      const run = await startRun(keys.acmeSubmit, 'orders');
      expect((await as(keys.acmeSubmit).waitForRun(run.id)).status).toBe('succeeded');
      const ownSignal = await as(keys.acmeSubmit).post(`/api/v1/runs/${run.id}/signals/approval`, { payload: {} });
      expect(ownSignal.status).toBe(409);
      for (const outsider of [as(keys.globexAdmin), as(keys.globexSubmit), operator]) {
        expect((await outsider.get(`/api/v1/runs/${run.id}`)).status).toBe(404);
        expect((await outsider.get(`/api/v1/runs/${run.id}/tasks/a/logs`)).status).toBe(404);
        for (const action of ['cancel', 'pause', 'resume', 'retry']) {
          expect([action, (await outsider.post(`/api/v1/runs/${run.id}/${action}`)).status]).toEqual([action, 404]);
        }
        // The run has ended: its own tenant would get 409; another tenant learns nothing of it.
        const signalled = await outsider.post(`/api/v1/runs/${run.id}/signals/approval`, { payload: {} });
        expect(signalled.status).toBe(404);
        const search = await outsider.get<{ items: { id: string }[] }>('/api/v1/runs?limit=500');
        expect(search.body.items.map((item) => item.id)).not.toContain(run.id);
      }
    });
  });

  describe('sharing', () => {
    beforeAll(async () => {
      await register(keys.acmeSubmit, noop('catalog', 7));
    });

    it('needs the admin scope of the owner to share, and answers 404 to a tenant that cannot see it', async () => {
      expect((await as(keys.acmeSubmit).request('PUT', '/api/v1/workflows/catalog/shares/initech')).status).toBe(403);
      expect((await as(keys.globexAdmin).request('PUT', '/api/v1/workflows/catalog/shares/initech')).status).toBe(404);
      expect((await as(keys.globexAdmin).get('/api/v1/workflows/catalog/shares')).status).toBe(404);
      expect((await as(keys.acmeAdmin).request('PUT', '/api/v1/workflows/catalog/shares/acme')).status).toBe(400);
      expect(
        (await as(keys.acmeAdmin).request('PUT', '/api/v1/workflows/catalog/shares/Not%20A%20Tenant')).status,
      ).toBe(400);
      expect((await as(keys.acmeAdmin).request('PUT', '/api/v1/workflows/no-such/shares/initech')).status).toBe(404);
    });

    it('lets the grantee read and run a shared workflow read-only, as its own runs', async () => {
      const shared = await as(keys.acmeAdmin).request<{ name: string; tenant: string }>(
        'PUT',
        '/api/v1/workflows/catalog/shares/initech',
      );
      expect(shared.status).toBe(201);
      expect(shared.body).toMatchObject({ name: 'catalog', tenant: 'initech' });
      expect((await as(keys.acmeAdmin).request('PUT', '/api/v1/workflows/catalog/shares/initech')).status).toBe(200);
      const shares = await as(keys.acmeSubmit).get<{ items: { tenant: string }[] }>('/api/v1/workflows/catalog/shares');
      expect(shares.body.items.map((share) => share.tenant)).toEqual(['initech']);

      const read = await as(keys.initechSubmit).get<WorkflowView>('/api/v1/workflows/catalog');
      expect(read.status).toBe(200);
      expect(read.body).toMatchObject({ name: 'catalog', owner: 'acme', shared: true, version: 1 });
      expect((await as(keys.initechSubmit).get('/api/v1/workflows/catalog/versions/1')).status).toBe(200);
      const listed = await as(keys.initechSubmit).get<{ items: { name: string; owner: string; shared: boolean }[] }>(
        '/api/v1/workflows',
      );
      expect(listed.body.items).toEqual([expect.objectContaining({ name: 'catalog', owner: 'acme', shared: true })]);
      expect(
        (await as(keys.initechSubmit).post('/api/v1/workflows/catalog/runs', { input: {}, version: 9 })).status,
      ).toBe(404);

      const run = await startRun(keys.initechSubmit, 'catalog');
      expect((await as(keys.initechSubmit).waitForRun(run.id)).status).toBe('succeeded');
      expect(await ownerOfRun(run.id)).toEqual({ run_tenant: 'initech', definition_tenant: 'acme', n: 7 });
      expect((await as(keys.acmeAdmin).get(`/api/v1/runs/${run.id}`)).status).toBe(404);

      // A sub-workflow reference falls back to what was shared with the run's tenant.
      await register(keys.initechSubmit, { name: 'wrapper', tasks: [{ key: 'inner', workflow: 'catalog' }] });
      const wrapper = await startRun(keys.initechSubmit, 'wrapper');
      expect((await as(keys.initechSubmit).waitForRun(wrapper.id)).status).toBe('succeeded');
      const [child] = await cluster.sql<{ id: string }>(
        `SELECT r.id FROM runs r JOIN tasks t ON t.id = r.parent_task_id WHERE t.run_id = $1`,
        [wrapper.id],
      );
      expect(await ownerOfRun(child!.id)).toEqual({ run_tenant: 'initech', definition_tenant: 'acme', n: 7 });

      // Read-only: the grantee cannot manage its shares, and registering the name makes its own workflow.
      expect((await as(keys.initechAdmin).request('PUT', '/api/v1/workflows/catalog/shares/globex')).status).toBe(403);
      expect((await as(keys.initechAdmin).request('DELETE', '/api/v1/workflows/catalog/shares/initech')).status).toBe(
        403,
      );
      expect((await as(keys.initechAdmin).get('/api/v1/workflows/catalog/shares')).status).toBe(403);
      expect((await as(keys.globexSubmit).get('/api/v1/workflows/catalog')).status).toBe(404);
    });

    it("never lets the grantee change the owner's workflow: its registration is its own", async () => {
      await register(keys.acmeSubmit, noop('pricing', 1));
      expect((await as(keys.acmeAdmin).request('PUT', '/api/v1/workflows/pricing/shares/initech')).status).toBe(201);
      expect(await register(keys.initechSubmit, noop('pricing', 666))).toEqual({ name: 'pricing', version: 1 });
      const acme = await as(keys.acmeSubmit).get<WorkflowView>('/api/v1/workflows/pricing');
      expect(acme.body).toMatchObject({ owner: 'acme', version: 1 });
      expect(acme.body.definition.tasks[0]!.input.n).toBe(1);
      expect((await as(keys.acmeSubmit).waitForRun((await startRun(keys.acmeSubmit, 'pricing')).id)).status).toBe(
        'succeeded',
      );
      const acmeRun = await startRun(keys.acmeSubmit, 'pricing');
      expect((await ownerOfRun(acmeRun.id))?.n).toBe(1);
      // The grantee's own workflow now comes first for it; the owner's stays reachable by naming the owner.
      expect((await ownerOfRun((await startRun(keys.initechSubmit, 'pricing')).id))?.n).toBe(666);
      const owned = await startRun(keys.initechSubmit, 'pricing', { owner: 'acme' });
      expect(await ownerOfRun(owned.id)).toEqual({ run_tenant: 'initech', definition_tenant: 'acme', n: 1 });
    });

    it('asks which owner when several tenants shared one name, and stops sharing on DELETE', async () => {
      await register(keys.acmeSubmit, noop('common', 1));
      await register(keys.globexSubmit, noop('common', 2));
      expect((await as(keys.acmeAdmin).request('PUT', '/api/v1/workflows/common/shares/initech')).status).toBe(201);
      expect((await as(keys.globexAdmin).request('PUT', '/api/v1/workflows/common/shares/initech')).status).toBe(201);
      const ambiguous = await as(keys.initechSubmit).get<{ message: string }>('/api/v1/workflows/common');
      expect(ambiguous.status).toBe(409);
      expect(ambiguous.body.message).toMatch(/owner/);
      expect((await as(keys.initechSubmit).post('/api/v1/workflows/common/runs', { input: {} })).status).toBe(409);
      const fromGlobex = await as(keys.initechSubmit).get<WorkflowView>('/api/v1/workflows/common?owner=globex');
      expect(fromGlobex.body).toMatchObject({ owner: 'globex', shared: true });
      const run = await startRun(keys.initechSubmit, 'common', { owner: 'globex' });
      expect((await ownerOfRun(run.id))?.definition_tenant).toBe('globex');

      expect((await as(keys.globexAdmin).request('DELETE', '/api/v1/workflows/common/shares/initech')).status).toBe(
        204,
      );
      expect((await as(keys.globexAdmin).request('DELETE', '/api/v1/workflows/common/shares/initech')).status).toBe(
        404,
      );
      expect((await as(keys.initechSubmit).get('/api/v1/workflows/common?owner=globex')).status).toBe(404);
      expect(
        (await as(keys.initechSubmit).post('/api/v1/workflows/common/runs', { input: {}, owner: 'globex' })).status,
      ).toBe(404);
      // One share left, so the name is no longer ambiguous.
      expect((await as(keys.initechSubmit).get<WorkflowView>('/api/v1/workflows/common')).body).toMatchObject({
        owner: 'acme',
      });
    });
  });

  describe('schedules and events', () => {
    const listening = (name: string, n: number) => ({ ...noop(name, n), on: [{ event: 'order.created' }] });
    const nightly = { name: 'nightly', workflow: 'reports', cron: '0 2 * * *', timezone: 'UTC', paused: true };

    beforeAll(async () => {
      await register(keys.acmeSubmit, listening('reports', 1));
      await register(keys.globexSubmit, listening('reports', 20));
      expect((await as(keys.acmeSubmit).post('/api/v1/schedules', nightly)).status).toBe(201);
    });

    it("answers 404 to every action on another tenant's schedule, lists only one's own, and keeps names per tenant", async () => {
      const globex = as(keys.globexSubmit);
      expect((await globex.get('/api/v1/schedules/nightly')).status).toBe(404);
      for (const action of ['pause', 'resume', 'trigger']) {
        expect([action, (await globex.post(`/api/v1/schedules/nightly/${action}`, {})).status]).toEqual([action, 404]);
      }
      const window = { from: '2026-01-01T00:00:00Z', to: '2026-01-03T00:00:00Z' };
      expect((await globex.post('/api/v1/schedules/nightly/backfill', window)).status).toBe(404);
      const { name: _name, ...spec } = nightly;
      expect((await globex.request('PUT', '/api/v1/schedules/nightly', spec)).status).toBe(404);
      expect((await globex.request('DELETE', '/api/v1/schedules/nightly')).status).toBe(404);
      expect((await globex.get<{ items: unknown[] }>('/api/v1/schedules')).body.items).toEqual([]);
      // acme's `shipping` is not globex's to schedule.
      expect((await globex.post('/api/v1/schedules', { ...nightly, name: 'ship', workflow: 'shipping' })).status).toBe(
        404,
      );

      // The same name is free in another tenant, and its runs are that tenant's own.
      expect((await globex.post('/api/v1/schedules', nightly)).status).toBe(201);
      const triggered = await globex.post<{ id: string }>('/api/v1/schedules/nightly/trigger', {});
      expect(triggered.status).toBe(201);
      expect(await ownerOfRun(triggered.body.id)).toEqual({ run_tenant: 'globex', definition_tenant: 'globex', n: 20 });
      const acmeList = await as(keys.acmeSubmit).get<{ items: { name: string; workflow: string }[] }>(
        '/api/v1/schedules',
      );
      expect(acmeList.body.items).toEqual([expect.objectContaining({ name: 'nightly', workflow: 'reports' })]);
    });

    it("starts only the publishing tenant's workflows, and keeps idempotency keys per tenant", async () => {
      const event = { name: 'order.created', payload: { orderId: 'A-1' }, idempotencyKey: 'order-A-1' };
      const fromAcme = await as(keys.acmeSubmit).post<{ runs: { workflow: string; runId: string }[] }>(
        '/api/v1/events',
        event,
      );
      const fromGlobex = await as(keys.globexSubmit).post<{ runs: { workflow: string; runId: string }[] }>(
        '/api/v1/events',
        event,
      );
      // The same key in another tenant is another event, not a repeat of acme's.
      expect([fromAcme.status, fromGlobex.status]).toEqual([201, 201]);
      expect(fromAcme.body.runs.map((started) => started.workflow)).toEqual(['reports']);
      expect(fromGlobex.body.runs.map((started) => started.workflow)).toEqual(['reports']);
      expect(await ownerOfRun(fromAcme.body.runs[0]!.runId)).toEqual({
        run_tenant: 'acme',
        definition_tenant: 'acme',
        n: 1,
      });
      expect(await ownerOfRun(fromGlobex.body.runs[0]!.runId)).toEqual({
        run_tenant: 'globex',
        definition_tenant: 'globex',
        n: 20,
      });
      // initech listens to nothing: its event starts no run.
      const fromInitech = await as(keys.initechSubmit).post<{ runs: unknown[] }>('/api/v1/events', event);
      expect([fromInitech.status, fromInitech.body.runs]).toEqual([201, []]);
    });
  });
});
