import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { describeTaskType, isPlugin } from '@taskloom/sdk';
import { expectFailed, expectSucceeded, runTask } from '@taskloom/sdk/testing';
import http, { httpRequest } from './index';
import { parseRetryAfter } from './status-error';

/** What the test server saw of one request. */
interface Seen {
  method: string;
  headers: IncomingMessage['headers'];
  body: string;
  /** Resolves when the client closed the connection before the response ended. */
  abandoned: Promise<void>;
  bytesSent: () => number;
}

const CHUNK = Buffer.alloc(16_384, 'x');
/** The start of a PNG file: its signature holds bytes that are not UTF-8, then NULs. */
const PNG_BYTES = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d]);
const ALLOWED_HOSTS = 'HTTP_REQUEST_ALLOWED_HOSTS';

/** A real HTTP server: the task's fetch talks to it over a socket, nothing is mocked. */
function route(req: IncomingMessage, res: ServerResponse, url: URL, seen: Seen, count: (n: number) => void): void {
  const code = Number(url.searchParams.get('code') ?? 200);
  const retryAfter = url.searchParams.get('retryAfter');
  switch (url.pathname) {
    case '/json':
      res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'x-test': 'yes' });
      res.end(JSON.stringify({ hello: 'world', n: [1, 2] }));
      return;
    case '/echo':
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({ method: seen.method, contentType: seen.headers['content-type'] ?? null, body: seen.body }),
      );
      return;
    case '/latin1':
      res.writeHead(200, { 'content-type': 'text/plain; charset=iso-8859-1' });
      res.end(Buffer.from([0x63, 0x61, 0x66, 0xe9]));
      return;
    case '/png':
      res.writeHead(200, { 'content-type': 'image/png' });
      res.end(PNG_BYTES);
      return;
    case '/nul-text':
      res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' });
      res.end('a\u0000b');
      return;
    case '/untyped':
      res.writeHead(200, url.searchParams.get('binary') ? {} : { 'content-length': '5' });
      res.end(url.searchParams.get('binary') ? Buffer.from([0xff, 0xfe, 0x00, 0x41]) : 'hello');
      return;
    case '/redirect': {
      const status = Number(url.searchParams.get('status') ?? 302);
      res.writeHead(status, { location: url.searchParams.get('to') ?? '/json' });
      res.end();
      return;
    }
    case '/loop':
      res.writeHead(302, { location: '/loop' });
      res.end();
      return;
    case '/empty':
      res.writeHead(204);
      res.end();
      return;
    case '/bad-json':
      res.writeHead(200, { 'content-type': 'application/problem+json' });
      res.end('{"not": json');
      return;
    case '/status':
      res.writeHead(code, { 'content-type': 'text/plain', ...(retryAfter ? { 'retry-after': retryAfter } : {}) });
      res.end(`boom ${code}`);
      return;
    case '/slow':
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.write('started...');
      return; // never ends
    case '/declared-large':
      res.writeHead(200, { 'content-type': 'text/plain', 'content-length': String(50 * 1_048_576) });
      res.write(CHUNK);
      return;
    case '/endless': {
      res.writeHead(200, { 'content-type': 'text/plain' });
      const pump = (): void => {
        while (!res.destroyed && res.write(CHUNK)) count(CHUNK.length);
        if (!res.destroyed) res.once('drain', pump);
      };
      pump();
      return;
    }
    default:
      res.writeHead(404);
      res.end();
  }
}

describe('@taskloom/plugin-http', () => {
  let server: Server;
  let base: string;
  const requests: Seen[] = [];

  beforeAll(async () => {
    server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      let sent = 0;
      let markAbandoned!: () => void;
      const seen: Seen = {
        method: req.method ?? '',
        headers: req.headers,
        body: '',
        abandoned: new Promise<void>((resolve) => (markAbandoned = resolve)),
        bytesSent: () => sent,
      };
      res.on('close', () => {
        if (!res.writableFinished) markAbandoned();
      });
      requests.push(seen);
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        seen.body = Buffer.concat(chunks).toString('utf8');
        route(req, res, new URL(req.url ?? '/', 'http://localhost'), seen, (n) => (sent += n));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  // Loopback is refused by default; these tests talk to their own server on 127.0.0.1, so they allow it.
  beforeEach(() => {
    process.env[ALLOWED_HOSTS] = '127.0.0.1';
  });

  afterAll(async () => {
    delete process.env[ALLOWED_HOSTS];
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  const last = (): Seen => requests[requests.length - 1]!;

  it('default-exports the http plugin', () => {
    expect(isPlugin(http)).toBe(true);
    expect(http.name).toBe('http');
    const pkg = JSON.parse(readFileSync(path.resolve(__dirname, '../package.json'), 'utf8')) as { version: string };
    expect(http.version).toBe(pkg.version);
    expect(http.tasks.map((t) => t.type)).toEqual(['http.request']);
    const descriptor = describeTaskType(httpRequest);
    expect(JSON.parse(JSON.stringify(descriptor))).toEqual(descriptor);
    expect(descriptor).toMatchObject({ isolation: 'inline', resources: { name: 'io-intensive' } });
  });

  describe('success', () => {
    it('GETs JSON and parses it, returning status and headers', async () => {
      const output = expectSucceeded(await runTask(httpRequest, { url: `${base}/json` }));
      expect(output).toMatchObject({ status: 200, body: { hello: 'world', n: [1, 2] } });
      expect(output.headers).toMatchObject({ 'content-type': 'application/json; charset=utf-8', 'x-test': 'yes' });
      expect(last().method).toBe('GET');
    });

    it('sends a JSON body as JSON, and a string body as it is', async () => {
      const json = expectSucceeded(
        await runTask(httpRequest, { url: `${base}/echo`, method: 'POST', body: { order: 7, items: ['a'] } }),
      );
      expect(json.body).toEqual({ method: 'POST', contentType: 'application/json', body: '{"order":7,"items":["a"]}' });

      const text = expectSucceeded(
        await runTask(httpRequest, {
          url: `${base}/echo`,
          method: 'PUT',
          headers: { 'Content-Type': 'application/x-ndjson' },
          body: '{"a":1}\n{"a":2}\n',
        }),
      );
      expect(text.body).toEqual({ method: 'PUT', contentType: 'application/x-ndjson', body: '{"a":1}\n{"a":2}\n' });
    });

    it('returns other content types as text in their charset, and no body as null', async () => {
      expect(expectSucceeded(await runTask(httpRequest, { url: `${base}/latin1` })).body).toBe('café');
      expect(expectSucceeded(await runTask(httpRequest, { url: `${base}/empty`, method: 'DELETE' }))).toMatchObject({
        status: 204,
        body: null,
      });
    });
  });

  describe('binary bodies', () => {
    it('returns a binary content type as base64, with bodyEncoding', async () => {
      const output = expectSucceeded(await runTask(httpRequest, { url: `${base}/png` }));
      expect(output).toMatchObject({ status: 200, body: PNG_BYTES.toString('base64'), bodyEncoding: 'base64' });
      expect(Buffer.from(output.body as string, 'base64')).toEqual(PNG_BYTES);
    });

    it('returns text holding a NUL, or untyped bytes that are not UTF-8, as base64', async () => {
      expect(expectSucceeded(await runTask(httpRequest, { url: `${base}/nul-text` }))).toMatchObject({
        body: Buffer.from('a\u0000b').toString('base64'),
        bodyEncoding: 'base64',
      });
      expect(expectSucceeded(await runTask(httpRequest, { url: `${base}/untyped?binary=1` }))).toMatchObject({
        body: Buffer.from([0xff, 0xfe, 0x00, 0x41]).toString('base64'),
        bodyEncoding: 'base64',
      });
    });

    it('keeps untyped UTF-8 and JSON as they are, without bodyEncoding', async () => {
      const untyped = expectSucceeded(await runTask(httpRequest, { url: `${base}/untyped` }));
      expect(untyped.body).toBe('hello');
      expect(untyped).not.toHaveProperty('bodyEncoding');
      expect(expectSucceeded(await runTask(httpRequest, { url: `${base}/json` }))).not.toHaveProperty('bodyEncoding');
    });
  });

  describe('redirects', () => {
    it('follows a redirect by hand, a 303 after a POST continuing as a GET without the body', async () => {
      const followed = expectSucceeded(await runTask(httpRequest, { url: `${base}/redirect?to=/json` }));
      expect(followed.body).toEqual({ hello: 'world', n: [1, 2] });
      const seeOther = expectSucceeded(
        await runTask(httpRequest, { url: `${base}/redirect?status=303&to=/echo`, method: 'POST', body: { a: 1 } }),
      );
      expect(seeOther.body).toEqual({ method: 'GET', contentType: null, body: '' });
      const temporary = expectSucceeded(
        await runTask(httpRequest, { url: `${base}/redirect?status=307&to=/echo`, method: 'POST', body: { a: 1 } }),
      );
      expect(temporary.body).toEqual({ method: 'POST', contentType: 'application/json', body: '{"a":1}' });
    });

    it('stops after maxRedirects, and returns the 3xx itself when maxRedirects is 0', async () => {
      const error = expectFailed(await runTask(httpRequest, { url: `${base}/loop`, maxRedirects: 3 }));
      expect(error).toMatchObject({ name: 'RedirectError', kind: 'non_retryable' });
      expect(error.message).toMatch(/more than maxRedirects \(3\) redirects/);
      expect(expectSucceeded(await runTask(httpRequest, { url: `${base}/loop`, maxRedirects: 0 }))).toMatchObject({
        status: 302,
        headers: { location: '/loop' },
      });
    });

    it('refuses a redirect to a scheme other than http and https', async () => {
      const error = expectFailed(await runTask(httpRequest, { url: `${base}/redirect?to=file:///etc/passwd` }));
      expect(error.message).toMatch(/redirected to file: URL/);
    });
  });

  describe('failures', () => {
    it('fails for good on a 4xx, with the status and the body in the message', async () => {
      const error = expectFailed(await runTask(httpRequest, { url: `${base}/status?code=404` }));
      expect(error).toMatchObject({ kind: 'non_retryable', retryable: false });
      expect(error.message).toBe(`GET ${base}/status?code=404 answered 404: boom 404`);
    });

    it('fails retryably on a 5xx, honouring Retry-After', async () => {
      expect(expectFailed(await runTask(httpRequest, { url: `${base}/status?code=500` }))).toMatchObject({
        kind: 'retryable',
        retryable: true,
        message: expect.stringContaining('answered 500: boom 500'),
      });
      expect(expectFailed(await runTask(httpRequest, { url: `${base}/status?code=503&retryAfter=2` }))).toMatchObject({
        kind: 'retry_later',
        retryAfterMs: 2_000,
      });
    });

    it('treats 429 with Retry-After as rate limiting', async () => {
      expect(expectFailed(await runTask(httpRequest, { url: `${base}/status?code=429&retryAfter=7` }))).toMatchObject({
        kind: 'rate_limited',
        retryable: true,
        retryAfterMs: 7_000,
      });
    });

    it('fails retryably when nothing listens, keeping the cause', async () => {
      const closed = createServer();
      await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
      const port = (closed.address() as AddressInfo).port;
      await new Promise((resolve) => closed.close(resolve));
      const error = expectFailed(await runTask(httpRequest, { url: `http://127.0.0.1:${port}/` }));
      expect(error).toMatchObject({ kind: 'retryable', retryable: true, cause: { name: 'TypeError' } });
      expect(error.message).toMatch(/^GET http:\/\/127\.0\.0\.1:\d+\/ failed: .*ECONNREFUSED/);
    });

    it('fails for good on a JSON content type whose body is not JSON', async () => {
      expect(expectFailed(await runTask(httpRequest, { url: `${base}/bad-json` })).message).toMatch(
        /says application\/problem\+json but its body is not valid JSON/,
      );
    });

    it('rejects bad input before sending anything', async () => {
      const before = requests.length;
      const withBody = expectFailed(await runTask(httpRequest, { url: `${base}/json`, body: { a: 1 } }));
      expect(withBody).toMatchObject({ name: 'InputValidationError' });
      expect(withBody.message).toMatch(/body: a GET or HEAD request cannot have a body/);
      expect(expectFailed(await runTask(httpRequest, { url: 'file:///etc/passwd' })).message).toMatch(
        /url: must be an http:\/\/ or https:\/\/ URL/,
      );
      expect(expectFailed(await runTask(httpRequest, { url: `${base}/json`, method: 'BREW' })).name).toBe(
        'InputValidationError',
      );
      const badHeader = expectFailed(
        await runTask(httpRequest, { url: `${base}/json`, headers: { 'bad header': 'x' } }),
      );
      expect(badHeader).toMatchObject({
        kind: 'non_retryable',
        message: expect.stringMatching(/^invalid GET request/),
      });
      expect(requests.length).toBe(before);
    });
  });

  describe('time and size limits', () => {
    it('stops at its own timeoutMs and closes the connection', async () => {
      const started = Date.now();
      const error = expectFailed(await runTask(httpRequest, { url: `${base}/slow`, timeoutMs: 150 }));
      expect(error).toMatchObject({ name: 'TaskTimeoutError', kind: 'timeout', retryable: true });
      expect(error.message).toMatch(/no complete response within timeoutMs \(150 ms\)/);
      // The response never ends, and the default timeoutMs is 30 s: well short of that is this timeout's doing.
      expect(Date.now() - started).toBeLessThan(10_000);
      await last().abandoned;
    }, 30_000);

    it("stops at the task's timeout and when cancelled", async () => {
      expect(expectFailed(await runTask(httpRequest, { url: `${base}/slow` }, { timeoutMs: 100 }))).toMatchObject({
        kind: 'timeout',
      });
      await last().abandoned;
      const controller = new AbortController();
      setTimeout(() => controller.abort(new Error('run cancelled')), 100);
      expect(
        expectFailed(await runTask(httpRequest, { url: `${base}/slow` }, { signal: controller.signal })),
      ).toMatchObject({ kind: 'cancelled' });
      await last().abandoned;
    });

    it('stops reading an endless body past maxResponseBytes and closes the connection', async () => {
      const error = expectFailed(await runTask(httpRequest, { url: `${base}/endless`, maxResponseBytes: 100_000 }));
      expect(error).toMatchObject({ name: 'ResponseTooLargeError', kind: 'non_retryable' });
      expect(error.message).toMatch(/response body of more than 100000 bytes exceeds maxResponseBytes/);
      await last().abandoned;
      // The server stopped well short of anything large: the client hung up, it did not drain the stream.
      expect(last().bytesSent()).toBeLessThan(20 * 1_048_576);
    });

    it('refuses a declared content-length over the limit without reading it', async () => {
      const error = expectFailed(await runTask(httpRequest, { url: `${base}/declared-large` }));
      expect(error.message).toMatch(/response body of 52428800 bytes exceeds maxResponseBytes \(1048576 bytes\)/);
      await last().abandoned;
    });
  });

  it('parses Retry-After as seconds or an HTTP date', () => {
    const now = Date.parse('2025-01-01T00:00:00Z');
    expect(parseRetryAfter('120', now)).toBe(120_000);
    expect(parseRetryAfter('Wed, 01 Jan 2025 00:00:30 GMT', now)).toBe(30_000);
    expect(parseRetryAfter('Tue, 31 Dec 2024 00:00:00 GMT', now)).toBe(0);
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter(null, now)).toBeUndefined();
  });
});
