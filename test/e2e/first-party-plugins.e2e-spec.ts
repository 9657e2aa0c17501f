import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Cluster } from '../support/cluster';

interface TaskView {
  key: string;
  status: string;
  attempts: number;
  output: unknown;
  error: { message?: string } | null;
}

interface RunView {
  status: string;
  output: unknown;
  tasks: TaskView[];
}

/** A PNG signature and the start of its first chunk: bytes that are not UTF-8, and NULs PostgreSQL cannot store as text. */
const PNG_BYTES = Buffer.from([
  0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52,
]);

const CATALOGUE = {
  products: [
    { sku: 'apple', price: 0.5, inStock: true },
    { sku: 'pear', price: 0.8, inStock: false },
    { sku: 'plum', price: 0.3, inStock: true },
  ],
};

/**
 * The default PLUGINS (every first-party plugin) in a real executor: the
 * shape of DESIGN's example workflow — fetch over HTTP, reshape with
 * transform, fan out — against a local HTTP server.
 */
describe('the first-party http and transform plugins in a cluster', () => {
  let cluster: Cluster;
  let server: Server;
  let base: string;
  let flakyCalls = 0;

  beforeAll(async () => {
    server = createServer((req, res) => {
      if (req.url === '/catalogue') {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify(CATALOGUE));
      } else if (req.url === '/logo.png') {
        res.writeHead(200, { 'content-type': 'image/png' });
        res.end(PNG_BYTES);
      } else if (req.url === '/flaky') {
        flakyCalls += 1;
        res.writeHead(flakyCalls === 1 ? 503 : 200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ call: flakyCalls }));
      } else {
        res.writeHead(404, { 'content-type': 'text/plain' });
        res.end('no such thing');
      }
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    // http.request refuses loopback unless the operator allows it: allow this test's server, and nothing else.
    cluster = await Cluster.start('e2e-first-party-plugins', {
      HTTP_REQUEST_ALLOWED_HOSTS: `127.0.0.1:${(server.address() as AddressInfo).port}`,
    });
    const registered = await cluster.api.post('/api/v1/workflows', {
      name: 'catalogue',
      defaults: { retry: { maxAttempts: 3, backoff: 'fixed', delayMs: 100 } },
      tasks: [
        { key: 'fetch', type: 'http.request', input: { url: '{{ run.input.url }}' } },
        {
          key: 'available',
          type: 'transform.filter',
          dependsOn: ['fetch'],
          input: { expression: 'inStock', data: '{{ tasks.fetch.output.body.products }}' },
        },
        {
          key: 'summary',
          type: 'transform.map',
          dependsOn: ['available'],
          input: { expression: '{ "skus": sku[], "total": $sum(price) }', data: '{{ tasks.available.output.list }}' },
        },
        {
          key: 'price',
          type: 'core.noop',
          dependsOn: ['available'],
          forEach: '{{ tasks.available.output.list }}',
          input: { sku: '{{ item.sku }}' },
        },
      ],
      output: { summary: '{{ tasks.summary.output.result }}', priced: '{{ tasks.price.output }}' },
    });
    expect(registered.status).toBe(201);
  });

  afterAll(async () => {
    await cluster?.stop();
    server?.closeAllConnections();
    await new Promise((resolve) => server?.close(resolve));
  });

  async function run(url: string): Promise<RunView> {
    const started = await cluster.api.post<{ id: string }>('/api/v1/workflows/catalogue/runs', { input: { url } });
    expect(started.status).toBe(201);
    return cluster.api.waitForRun<RunView>(started.body.id);
  }

  it('fetches, filters, reshapes and fans out', async () => {
    const result = await run(`${base}/catalogue`);
    expect(result.status).toBe('succeeded');
    expect(result.output).toEqual({
      summary: { skus: ['apple', 'plum'], total: 0.8 },
      priced: [{ sku: 'apple' }, { sku: 'plum' }],
    });
  });

  it('retries a 5xx and succeeds on the next attempt', async () => {
    const result = await run(`${base}/flaky`);
    const fetch = result.tasks.find((task) => task.key === 'fetch')!;
    expect(fetch).toMatchObject({ status: 'succeeded', attempts: 2, output: { status: 200, body: { call: 2 } } });
  });

  it('fails a 4xx at once, without retrying', async () => {
    const result = await run(`${base}/missing`);
    expect(result.status).toBe('failed');
    const fetch = result.tasks.find((task) => task.key === 'fetch')!;
    expect(fetch).toMatchObject({ status: 'failed', attempts: 1 });
    expect(fetch.error?.message).toMatch(/answered 404: no such thing/);
  });

  it('returns a binary body base64-encoded, and the run stores it and succeeds', async () => {
    const result = await run(`${base}/logo.png`);
    const fetch = result.tasks.find((task) => task.key === 'fetch')!;
    expect(fetch).toMatchObject({
      status: 'succeeded',
      output: { status: 200, body: PNG_BYTES.toString('base64'), bodyEncoding: 'base64' },
    });
  });

  it('refuses to call the api itself (a loopback port the allow-list does not name), failing the task at once', async () => {
    const result = await run(`${cluster.api.base}/api/v1/admin/stats`);
    expect(result.status).toBe('failed');
    const fetch = result.tasks.find((task) => task.key === 'fetch')!;
    expect(fetch).toMatchObject({ status: 'failed', attempts: 1, output: null });
    expect(fetch.error?.message).toMatch(/refused to connect to 127\.0\.0\.1: loopback addresses are not allowed/);
  });
});
