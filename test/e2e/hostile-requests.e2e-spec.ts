import { Cluster } from '../support/cluster';

interface ErrorBody {
  statusCode: number;
  error: string;
  message: string;
  details?: { path: string; message: string }[];
}

interface Answer {
  status: number;
  body: ErrorBody;
  headers: Headers;
}

const SLEEPY = { name: 'sleepy', tasks: [{ key: 'nap', type: 'core.sleep', input: { ms: 60_000 } }] };
const QUICK = { name: 'quick', tasks: [{ key: 'a', type: 'core.noop', input: { n: '{{ run.input.n }}' } }] };

/**
 * DESIGN §2 invariant 6 on the inputs that used to answer 500 or reset the
 * connection: each gets a 4xx with the JSON error shape, against real
 * api, router and executor processes.
 */
describe('hostile requests get a 4xx with the JSON error shape', () => {
  let cluster: Cluster;

  beforeAll(async () => {
    cluster = await Cluster.start('e2e-hostile-requests');
    for (const definition of [SLEEPY, QUICK]) {
      expect((await cluster.api.post('/api/v1/workflows', definition)).status).toBe(201);
    }
  });

  afterAll(async () => {
    await cluster?.stop();
  });

  /** Sends exactly these bytes (no re-encoding: a lone surrogate escape stays an escape). */
  async function send(method: string, path: string, body?: string, contentType = 'application/json'): Promise<Answer> {
    const response = await fetch(`${cluster.api.base}${path}`, {
      method,
      headers: contentType === 'none' ? {} : { 'content-type': contentType },
      body,
    });
    const text = await response.text();
    return { status: response.status, body: JSON.parse(text) as ErrorBody, headers: response.headers };
  }

  function expect400(answer: Answer, field: RegExp | string): void {
    expect(answer.status).toBe(400);
    expect(answer.body).toMatchObject({ statusCode: 400, error: expect.any(String), message: expect.any(String) });
    expect(answer.body.message).toMatch(field);
  }

  describe('NUL characters and lone surrogates, in any string', () => {
    it.each([
      ['run input', '{"input":{"x":"a\\u0000b"}}', /^input\.x: must not contain a NUL character/],
      ['idempotencyKey', '{"idempotencyKey":"k\\u0000"}', /^idempotencyKey: must not contain a NUL/],
      ['a tag', '{"tags":["ok","\\u0000"]}', /^tags\.1: must not contain a NUL/],
      ['a property name', '{"input":{"a\\u0000":1}}', /^input\.a.: property name must not contain a NUL/],
      ['a lone low surrogate', '{"input":{"x":"\\udfff"}}', /^input\.x: must not contain a lone UTF-16 surrogate/],
      ['a lone high surrogate', '{"input":{"x":"a\\ud800b"}}', /^input\.x: must not contain a lone UTF-16 surrogate/],
    ])('in %s of a run start', async (_, body, field) => {
      const answer = await send('POST', '/api/v1/workflows/quick/runs', body);
      expect400(answer, field);
      expect(answer.body.details?.[0]).toMatchObject({ message: expect.any(String) });
    });

    it('accepts a well-formed surrogate pair (an emoji)', async () => {
      const answer = await send('POST', '/api/v1/workflows/quick/runs', '{"input":{"n":"\\ud83d\\ude00"}}');
      expect(answer.status).toBe(201);
    });

    it.each([
      ['description', { ...QUICK, name: 'nul-description', description: 'a\u0000b' }, /^description: must not/],
      [
        'when',
        { name: 'nul-when', tasks: [{ key: 'a', type: 'core.noop', when: 'true\u0000' }] },
        /^tasks\.0\.when: must not/,
      ],
    ])('in a definition %s', async (_, definition, field) => {
      expect400(await send('POST', '/api/v1/workflows', JSON.stringify(definition)), field);
    });

    it.each([
      ['a workflow name in the path', 'GET', '/api/v1/workflows/a%00b', /^params\.name: must not contain a NUL/],
      ['a run-start path', 'POST', '/api/v1/workflows/a%00b/runs', /^params\.name: must not contain a NUL/],
      ['a query parameter', 'GET', '/api/v1/runs?tag=%00', /^query\.tag: must not contain a NUL/],
      ['a workflow filter', 'GET', '/api/v1/runs?workflow=x%00', /^query\.workflow: must not contain a NUL/],
      ['a task key', 'GET', `/api/v1/runs/${'0'.repeat(8)}-0000-4000-8000-${'0'.repeat(12)}/tasks/a%00/logs`, /key/],
    ])('in %s', async (_, method, path, field) => {
      expect400(await send(method, path, method === 'POST' ? '{}' : undefined), field);
    });
  });

  describe('numbers past what PostgreSQL holds', () => {
    it('refuses a run version past int4', async () => {
      expect400(await send('POST', '/api/v1/workflows/quick/runs', '{"version":2147483648}'), /^version: /);
      expect400(await send('POST', '/api/v1/workflows/quick/runs', '{"version":1e300}'), /^version: /);
    });

    it('refuses a version path parameter past int4, and one that is not a number', async () => {
      expect400(await send('GET', '/api/v1/workflows/quick/versions/2147483648', undefined, 'none'), /^version: /);
      expect400(await send('GET', '/api/v1/workflows/quick/versions/abc', undefined, 'none'), /^version: /);
      expect((await send('GET', '/api/v1/workflows/quick/versions/2147483647', undefined, 'none')).status).toBe(404);
    });

    it('refuses a log index past int4', async () => {
      const started = await cluster.api.post<{ id: string }>('/api/v1/workflows/quick/runs', { input: { n: 1 } });
      const answer = await send(
        'GET',
        `/api/v1/runs/${started.body.id}/tasks/a/logs?index=99999999999`,
        undefined,
        'none',
      );
      expect400(answer, /^index: /);
    });
  });

  it.each([
    ['whose id is not a UUID', Buffer.from('2025-01-01T00:00:00.000Z|not-a-uuid').toString('base64url')],
    [
      'whose time PostgreSQL cannot hold',
      Buffer.from(`-100000-01-01T00:00:00.000Z|${'0'.repeat(8)}-0000-4000-8000-${'0'.repeat(12)}`).toString(
        'base64url',
      ),
    ],
    ['of garbage', '%%%%'],
    ['holding a NUL', Buffer.from('2025-01-01T00:00:00.000Z|\u0000').toString('base64url')],
  ])('refuses a cursor %s', async (_, cursor) => {
    expect400(await send('GET', `/api/v1/runs?cursor=${cursor}`, undefined, 'none'), /cursor/);
  });

  it.each([5_000, 100_000])('refuses JSON nested %i levels deep, before any schema recurses', async (levels) => {
    const deep = `{"input":${'['.repeat(levels)}${']'.repeat(levels)}}`;
    expect400(await send('POST', '/api/v1/workflows/quick/runs', deep), /nested deeper than 128 levels/);
    const definition = `{"name":"deep","tasks":[{"key":"a","type":"core.noop","input":${'{"a":'.repeat(levels)}1${'}'.repeat(levels)}}]}`;
    expect400(await send('POST', '/api/v1/workflows', definition), /nested deeper than/);
  });

  it.each([
    ['__proto__', '{"input":{"__proto__":{"polluted":true}}}'],
    ['constructor.prototype', '{"input":{"constructor":{"prototype":{"polluted":true}}}}'],
  ])('refuses a %s key', async (_, body) => {
    const answer = await send('POST', '/api/v1/workflows/quick/runs', body);
    expect(answer.status).toBe(400);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  describe('HTTP edges', () => {
    it.each(['cancel', 'pause', 'resume', 'retry'])(
      'accepts POST /runs/{id}/%s with content-type application/json and an empty body',
      async (action) => {
        const started = await cluster.api.post<{ id: string }>('/api/v1/workflows/sleepy/runs', {});
        const answer = await send('POST', `/api/v1/runs/${started.body.id}/${action}`, '');
        // resume of a run that is not paused and retry of one that has not failed are conflicts, not bad requests.
        expect(action === 'resume' || action === 'retry' ? [200, 409] : [200]).toContain(answer.status);
        if (action !== 'cancel') await cluster.api.post(`/api/v1/runs/${started.body.id}/cancel`);
      },
    );

    it('still refuses a missing body where the route needs one', async () => {
      const answer = await send('POST', '/api/v1/workflows', '');
      expect(answer.status).toBe(400);
      expect(answer.body.statusCode).toBe(400);
    });

    it('answers an oversized body 413, every time, never with a reset connection', async () => {
      const oversized = JSON.stringify({ name: 'big', description: 'x'.repeat(6 * 1024 * 1024) });
      for (let attempt = 0; attempt < 10; attempt++) {
        const answer = await send('POST', '/api/v1/workflows', oversized);
        expect(answer.status).toBe(413);
        expect(answer.body).toMatchObject({ statusCode: 413, error: 'PayloadTooLarge' });
        expect(answer.body.message).toMatch(/over API_BODY_LIMIT/);
      }
      // The api still answers normally afterwards.
      expect((await cluster.api.get('/health')).status).toBe(200);
    });

    it.each([
      ['text/plain', '{"input":{}}'],
      ['application/xml', '<run/>'],
      ['multipart/form-data; boundary=x', '--x--'],
      ['application/x-www-form-urlencoded', 'name=x&tasks=1'],
    ])('answers a %s body with a 4xx', async (contentType, body) => {
      const answer = await send('POST', '/api/v1/workflows', body, contentType);
      expect(answer.status).toBeGreaterThanOrEqual(400);
      expect(answer.status).toBeLessThan(500);
      expect(answer.body.statusCode).toBe(answer.status);
    });
  });
});
