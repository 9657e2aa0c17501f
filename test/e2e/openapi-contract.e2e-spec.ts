import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv';
import { Cluster } from '../support/cluster';
import { openApiContract, type ObservedResponse } from '../support/openapi-contract';

const ROOT = join(__dirname, '..', '..');
const committed = (path: string): unknown => JSON.parse(readFileSync(join(ROOT, path), 'utf8'));

interface RunView {
  id: string;
  status: string;
  tasks: { key: string; status: string }[];
}

const CONTRACT = {
  name: 'contract-check',
  description: 'fans out over its input, then notifies',
  inputSchema: { type: 'object', properties: { skus: { type: 'array' } }, required: ['skus'] },
  defaults: { priority: 'normal', retry: { maxAttempts: 2, backoff: 'fixed', delayMs: 10 } },
  tasks: [
    { key: 'fetch', type: 'core.noop', input: { list: '{{ run.input.skus }}' } },
    {
      key: 'price',
      type: 'core.noop',
      dependsOn: ['fetch'],
      forEach: '{{ tasks.fetch.output.list }}',
      input: { sku: '{{ item }}' },
    },
    { key: 'notify', type: 'core.noop', dependsOn: ['price'], trigger: 'all_done', priority: 'high', input: {} },
  ],
  output: { priced: '{{ tasks.price.output }}' },
};

const SLOW = { name: 'contract-slow', tasks: [{ key: 'wait', type: 'core.sleep', input: { ms: 60_000 } }] };

/**
 * The OpenAPI document is the contract: the api serves exactly the
 * committed one, every response the api client receives is checked against
 * it (test/support/api-client.ts), and the checker itself is shown to
 * refuse responses that break it.
 */
describe('the OpenAPI document against a running api', () => {
  let cluster: Cluster;
  const contract = openApiContract();
  const seen: ObservedResponse[] = [];

  /** A call through the api client (which asserts the contract), kept to be asserted on again below. */
  async function call(method: 'GET' | 'POST', path: string, body?: unknown) {
    const response = await cluster.api.request<Record<string, unknown>>(method, path, body);
    seen.push({ method, path, status: response.status, headers: response.headers, body: response.body });
    return response;
  }

  beforeAll(async () => {
    cluster = await Cluster.start('e2e-openapi-contract');
  });

  afterAll(async () => {
    await cluster?.stop();
  });

  it('serves at /docs-json exactly the committed docs/openapi.json', async () => {
    const served = await fetch(`${cluster.api.base}/docs-json`);
    expect(served.status).toBe(200);
    expect(await served.json()).toEqual(committed('docs/openapi.json'));
  });

  it('serves the definition JSON Schema shipped in the SDK, and it validates definitions as an editor would', async () => {
    const served = await fetch(`${cluster.api.base}/api/v1/schemas/workflow-definition.json`);
    expect(served.status).toBe(200);
    expect(served.headers.get('content-type')).toContain('application/schema+json');
    const schema = (await served.json()) as Record<string, unknown>;
    expect(schema).toEqual(committed('libs/sdk/schema/workflow-definition.schema.json'));

    const validate = new Ajv({ strict: false }).compile(schema);
    expect(validate(CONTRACT)).toBe(true);
    expect(validate({ ...CONTRACT, tasks: [{ key: 'x', type: 'core.noop', trigger: 'sometimes' }] })).toBe(false);
    expect(validate({ ...CONTRACT, tasks: [{ key: 'x', type: 'core.noop', retry: { maxAttempts: 0 } }] })).toBe(false);
    expect(validate({ ...CONTRACT, colour: 'blue' })).toBe(false);
  });

  it('answers the core API, errors and admin with responses the document describes', async () => {
    expect((await call('POST', '/api/v1/workflows', CONTRACT)).status).toBe(201);
    expect((await call('POST', '/api/v1/workflows', CONTRACT)).status).toBe(200);
    expect((await call('POST', '/api/v1/workflows', SLOW)).status).toBe(201);

    const started = await call('POST', '/api/v1/workflows/contract-check/runs', {
      input: { skus: ['a', 'b'] },
      tags: ['contract'],
      idempotencyKey: 'contract-1',
    });
    expect(started.status).toBe(201);
    const runId = started.body.id as string;
    await cluster.api.waitForRun<RunView>(runId);

    const run = await call('GET', `/api/v1/runs/${runId}`);
    expect(run.body).toMatchObject({ status: 'succeeded', output: { priced: [{ sku: 'a' }, { sku: 'b' }] } });
    expect((await call('GET', '/api/v1/runs?workflow=contract-check&limit=10')).status).toBe(200);
    expect((await call('GET', `/api/v1/runs/${runId}/tasks/fetch/logs`)).status).toBe(200);
    expect((await call('GET', `/api/v1/runs/${runId}/tasks/price/logs?index=1`)).status).toBe(200);
    expect((await call('GET', '/api/v1/task-types')).status).toBe(200);
    expect((await call('GET', '/api/v1/workflows')).status).toBe(200);
    expect((await call('GET', '/api/v1/workflows/contract-check')).status).toBe(200);
    expect((await call('GET', '/api/v1/workflows/contract-check/versions/1')).status).toBe(200);

    const slow = await call('POST', '/api/v1/workflows/contract-slow/runs', {});
    expect((await call('POST', `/api/v1/runs/${slow.body.id as string}/cancel`)).status).toBe(200);
    expect((await call('POST', `/api/v1/runs/${slow.body.id as string}/cancel`)).status).toBe(409);

    expect((await call('GET', '/api/v1/runs/00000000-0000-4000-8000-000000000000')).status).toBe(404);
    expect((await call('GET', '/api/v1/runs/not-a-uuid')).status).toBe(400);
    expect((await call('POST', '/api/v1/workflows', { name: 'broken', tasks: [] })).status).toBe(400);
    expect((await call('POST', '/api/v1/workflows/contract-check/runs', { priority: 'urgent' })).status).toBe(400);

    expect((await call('GET', '/api/v1/admin/stats')).status).toBe(200);
    expect((await call('GET', '/api/v1/admin/queues')).status).toBe(200);
    expect((await call('GET', '/api/v1/admin/executors')).status).toBe(200);

    expect(seen.length).toBeGreaterThanOrEqual(13);
    expect(seen.flatMap((response) => contract.problemsOf(response))).toEqual([]);
  });

  it('refuses a response that breaks the document', () => {
    const run = seen.find((response) => response.path.startsWith('/api/v1/runs/') && response.status === 200)!;
    const body = run.body as Record<string, unknown> & { tasks: Record<string, unknown>[] };
    const broken = (change: (copy: typeof body) => void): ObservedResponse => {
      const copy = structuredClone(body);
      change(copy);
      return { ...run, body: copy };
    };

    expect(contract.problemsOf(run)).toEqual([]);
    // A field of the wrong type.
    expect(contract.problemsOf(broken((copy) => (copy.version = 'one')))).toEqual([
      expect.stringContaining('/version must be integer'),
    ]);
    // A required field missing, at the top and in a task.
    expect(contract.problemsOf(broken((copy) => Reflect.deleteProperty(copy, 'tasks')))).toEqual([
      expect.stringContaining("must have required property 'tasks'"),
    ]);
    expect(contract.problemsOf(broken((copy) => delete copy.tasks[0]!.status))).toEqual([
      expect.stringContaining("/tasks/0 must have required property 'status'"),
    ]);
    // A field the schema does not have (added to the code, not to its schema).
    expect(contract.problemsOf(broken((copy) => (copy.costCents = 12)))).toEqual([
      expect.stringContaining('must NOT have additional properties'),
    ]);
    // A status the operation does not document, and a 429 without its Retry-After.
    expect(contract.problemsOf({ ...run, status: 418 })).toEqual([expect.stringContaining('answered 418')]);
    const tooMany = { statusCode: 429, error: 'RateLimitedError', message: 'slow down' };
    expect(contract.problemsOf({ ...run, status: 429, body: tooMany })).toEqual([
      expect.stringContaining('lacks the required Retry-After header'),
    ]);
    // An operation the document does not have.
    expect(contract.problemsOf({ ...run, method: 'PATCH' })).toEqual([
      expect.stringContaining('is not an operation of the document'),
    ]);
  });
});
