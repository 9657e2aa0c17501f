import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expectFailed, expectSucceeded, runTask } from '@taskloom/sdk/testing';
import { httpRequest } from './index';

const ALLOWED_HOSTS = 'HTTP_REQUEST_ALLOWED_HOSTS';

/** A loopback server that counts what reaches it: a refused request must never arrive. */
interface CountingServer {
  server: Server;
  port: number;
  hits: number;
}

async function startServer(
  handler: (url: string, res: import('node:http').ServerResponse) => void,
): Promise<CountingServer> {
  const counting: CountingServer = { server: createServer(), port: 0, hits: 0 };
  counting.server.on('request', (req, res) => {
    counting.hits += 1;
    handler(req.url ?? '/', res);
  });
  await new Promise<void>((resolve) => counting.server.listen(0, '127.0.0.1', resolve));
  counting.port = (counting.server.address() as AddressInfo).port;
  return counting;
}

/**
 * SSRF protection against real connections — to loopback only: these tests
 * never send traffic to any other address (other ranges are covered by
 * address-policy.spec.ts without opening a connection).
 */
describe('http.request refuses non-public destinations', () => {
  let target: CountingServer;
  let redirector: CountingServer;

  beforeAll(async () => {
    target = await startServer((_url, res) => {
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.end('internal secret');
    });
    redirector = await startServer((url, res) => {
      const to = new URL(url, 'http://x').searchParams.get('to') ?? '/';
      res.writeHead(302, { location: to });
      res.end();
    });
  });

  afterEach(() => {
    delete process.env[ALLOWED_HOSTS];
  });

  afterAll(async () => {
    for (const { server } of [target, redirector]) {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('refuses a local server by default, before sending anything', async () => {
    const before = target.hits;
    const error = expectFailed(await runTask(httpRequest, { url: `http://127.0.0.1:${target.port}/admin` }));
    expect(error).toMatchObject({ name: 'BlockedAddressError', kind: 'non_retryable', retryable: false });
    expect(error.message).toMatch(/refused to connect to 127\.0\.0\.1: loopback addresses are not allowed/);
    expect(error.message).toMatch(/HTTP_REQUEST_ALLOWED_HOSTS/);
    expect(target.hits).toBe(before);
  });

  it.each([
    ['a name that resolves to loopback', (port: number) => `http://localhost:${port}/`],
    ['IPv6 loopback', (port: number) => `http://[::1]:${port}/`],
    ['IPv4-mapped IPv6 loopback', (port: number) => `http://[::ffff:127.0.0.1]:${port}/`],
    ['a hex-encoded loopback address', (port: number) => `http://0x7f.1:${port}/`],
    ['the unspecified address', (port: number) => `http://0.0.0.0:${port}/`],
  ])('refuses %s', async (_, url) => {
    const before = target.hits;
    const error = expectFailed(await runTask(httpRequest, { url: url(target.port) }));
    expect(error).toMatchObject({ name: 'BlockedAddressError', kind: 'non_retryable' });
    expect(error.message).toMatch(/(loopback|unspecified) addresses are not allowed/);
    expect(target.hits).toBe(before);
  });

  it('checks the resolved address of a name: localhost is refused even though it is a name', async () => {
    const error = expectFailed(await runTask(httpRequest, { url: `http://localhost:${target.port}/` }));
    expect(error.message).toMatch(/refused to connect to localhost \((127\.0\.0\.1|::1)\)/);
  });

  it('reaches what the allow-list names: an address and port, or a host name', async () => {
    process.env[ALLOWED_HOSTS] = `127.0.0.1:${target.port}`;
    expect(expectSucceeded(await runTask(httpRequest, { url: `http://127.0.0.1:${target.port}/` })).body).toBe(
      'internal secret',
    );
    process.env[ALLOWED_HOSTS] = `localhost:${target.port}`;
    expect(expectSucceeded(await runTask(httpRequest, { url: `http://localhost:${target.port}/` })).body).toBe(
      'internal secret',
    );
    process.env[ALLOWED_HOSTS] = '127.0.0.0/8';
    expect(expectSucceeded(await runTask(httpRequest, { url: `http://127.0.0.1:${target.port}/` })).status).toBe(200);
  });

  it('checks every redirect hop: an allowed server redirecting to a loopback port that is not allowed is refused', async () => {
    process.env[ALLOWED_HOSTS] = `127.0.0.1:${redirector.port}`;
    const before = target.hits;
    for (const to of [`http://127.0.0.1:${target.port}/`, `http://localhost:${target.port}/`]) {
      const error = expectFailed(
        await runTask(httpRequest, { url: `http://127.0.0.1:${redirector.port}/?to=${encodeURIComponent(to)}` }),
      );
      expect(error).toMatchObject({ name: 'BlockedAddressError', kind: 'non_retryable' });
      expect(error.message).toMatch(/loopback addresses are not allowed/);
    }
    expect(target.hits).toBe(before);
    // The same redirect is followed once the target is allowed too.
    process.env[ALLOWED_HOSTS] = `127.0.0.1:${redirector.port},127.0.0.1:${target.port}`;
    const to = encodeURIComponent(`http://127.0.0.1:${target.port}/`);
    expect(
      expectSucceeded(await runTask(httpRequest, { url: `http://127.0.0.1:${redirector.port}/?to=${to}` })).body,
    ).toBe('internal secret');
  });

  it('fails tasks with a message naming the setting when the allow-list is malformed', async () => {
    process.env[ALLOWED_HOSTS] = 'ok.example, not a host';
    const error = expectFailed(await runTask(httpRequest, { url: `http://127.0.0.1:${target.port}/` }));
    expect(error).toMatchObject({ name: 'AllowListError', kind: 'non_retryable' });
    expect(error.message).toBe(
      'HTTP_REQUEST_ALLOWED_HOSTS: "not a host" is not a host name, an IP address or a CIDR range',
    );
  });
});
