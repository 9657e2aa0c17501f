import fc from 'fast-check';
import { hostileExpression, hostileJson, hostileNumber, hostilePattern, hostileString } from './hostile-values';

/** One HTTP request to send as it is: `body` is the exact text on the wire. */
export interface FuzzRequest {
  kind: string;
  method: string;
  path: string;
  contentType?: string;
  body?: string;
}

/** Workflows the suite registers first, so that run starts reach the deeper layers. */
export const FUZZ_WORKFLOWS = ['fz-noop', 'fz-schema', 'fz-when', 'fz-map'];
const SOME_UUID = '00000000-0000-4000-8000-000000000000';

const json = (value: unknown) => JSON.stringify(value);
/** Every byte percent-encoded: encodeURIComponent throws on a lone surrogate, which UTF-8 turns into U+FFFD here. */
const percentEncode = (text: string) =>
  [...Buffer.from(text, 'utf8')].map((byte) => `%${byte.toString(16).padStart(2, '0')}`).join('');
/** A path segment: URL-encoded, or raw percent-escapes that decode to NUL, invalid UTF-8 or nothing at all. */
const segment = fc.oneof(
  hostileString.map(percentEncode),
  fc.constantFrom(
    '%00',
    'a%00b',
    '%ff',
    '%ed%bf%bf',
    '%',
    '%zz',
    '..',
    '%2e%2e',
    'x'.repeat(300),
    SOME_UUID,
    '2147483648',
  ),
  fc.integer().map(String),
  hostileNumber.map(String),
);
const workflowName = fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...FUZZ_WORKFLOWS) }, segment);
const anyValue = fc.oneof(hostileJson, hostileString, hostileNumber);

/** POST /workflows/{name}/runs with every field of the wrong type, out of range, or hostile. */
const runStart: fc.Arbitrary<FuzzRequest> = fc
  .record(
    {
      input: fc.oneof(hostileJson, fc.record({ s: hostileString, v: anyValue })),
      priority: fc.oneof(fc.constantFrom('critical', 'high', 'normal', 'low', 'urgent', ''), anyValue),
      version: fc.oneof(hostileNumber, anyValue),
      idempotencyKey: fc.oneof(hostileString, anyValue, fc.constant('k'.repeat(201))),
      tags: fc.oneof(fc.array(hostileString, { maxLength: 25 }), anyValue),
      startAt: fc.oneof(hostileString, hostileNumber),
      delayMs: hostileNumber,
      extra: anyValue,
    },
    { requiredKeys: [] },
  )
  .chain((body) =>
    workflowName.map((name) => ({
      kind: 'run-start',
      method: 'POST',
      path: `/api/v1/workflows/${name}/runs`,
      contentType: 'application/json',
      body: json(body),
    })),
  );

const task = fc.record(
  {
    key: fc.oneof(fc.constantFrom('a', 'b'), hostileString, anyValue),
    type: fc.oneof(fc.constantFrom('core.noop', 'transform.map', 'core.sleep', 'core.nope'), anyValue),
    dependsOn: fc.oneof(fc.array(fc.constantFrom('a', 'b', 'ghost'), { maxLength: 3 }), anyValue),
    input: fc.oneof(
      hostileJson,
      hostileExpression.map((expression) => ({ expression, data: '{{ run.input }}' })),
      hostileExpression.map((expression) => ({ v: `{{ ${expression} }}` })),
    ),
    when: fc.oneof(hostileExpression, anyValue),
    forEach: fc.oneof(
      hostileExpression.map((expression) => `{{ ${expression} }}`),
      anyValue,
    ),
    trigger: fc.oneof(fc.constantFrom('all_success', 'one_failed', 'sometimes'), anyValue),
    priority: anyValue,
    timeoutMs: hostileNumber,
    retry: fc.oneof(fc.record({ maxAttempts: hostileNumber, backoff: anyValue, delayMs: hostileNumber }), anyValue),
    resources: anyValue,
    workflow: anyValue,
    sleep: anyValue,
    waitFor: anyValue,
    concurrency: anyValue,
    rateLimit: anyValue,
  },
  { requiredKeys: ['key'] },
);

/** POST /workflows: definitions of every wrong shape, with hostile expressions and schema patterns. */
const definition: fc.Arbitrary<FuzzRequest> = fc
  .record(
    {
      name: fc.oneof(fc.constantFrom('fz-new', 'fz-noop'), hostileString, anyValue, fc.constant('n'.repeat(300))),
      description: fc.oneof(hostileString, anyValue),
      inputSchema: fc.oneof(
        hostileJson,
        hostilePattern.map((pattern) => ({ type: 'object', properties: { s: { type: 'string', pattern } } })),
        fc.constant({ $ref: 'http://127.0.0.1:1/schema.json' }),
      ),
      defaults: anyValue,
      tasks: fc.oneof(fc.array(task, { maxLength: 4 }), anyValue),
      output: anyValue,
      on: anyValue,
      concurrency: anyValue,
    },
    { requiredKeys: [] },
  )
  .map((body) => ({
    kind: 'definition',
    method: 'POST',
    path: '/api/v1/workflows',
    contentType: 'application/json',
    body: json(body),
  }));

const query = fc
  .dictionary(
    fc.constantFrom('workflow', 'status', 'tag', 'limit', 'cursor', 'index', 'x', '__proto__', 'limit[]'),
    segment,
    { maxKeys: 4 },
  )
  .map((entries) =>
    Object.entries(entries)
      .map(([key, value]) => `${key}=${value}`)
      .join('&'),
  );
const cursor = fc.oneof(
  hostileString.map((text) => Buffer.from(text).toString('base64url')),
  fc.tuple(hostileString, hostileString).map(([time, id]) => Buffer.from(`${time}|${id}`).toString('base64url')),
  fc.constantFrom(
    Buffer.from(`2025-01-01T00:00:00.000Z|not-a-uuid`).toString('base64url'),
    Buffer.from(`+275760-09-13T00:00:00.000Z|${SOME_UUID}`).toString('base64url'),
    Buffer.from(`-271821-04-20T00:00:00.000Z|${SOME_UUID}`).toString('base64url'),
  ),
);

/** Reads and body-less controls with hostile ids, names, keys, versions, indexes and cursors. */
const pathAndQuery: fc.Arbitrary<FuzzRequest> = fc
  .oneof(
    fc.tuple(workflowName, query).map(([name, q]) => ({ method: 'GET', path: `/api/v1/workflows/${name}?${q}` })),
    fc
      .tuple(workflowName, segment)
      .map(([name, v]) => ({ method: 'GET', path: `/api/v1/workflows/${name}/versions/${v}` })),
    query.map((q) => ({ method: 'GET', path: `/api/v1/runs?${q}` })),
    cursor.map((c) => ({ method: 'GET', path: `/api/v1/runs?cursor=${c}` })),
    segment.map((id) => ({ method: 'GET', path: `/api/v1/runs/${id}` })),
    fc
      .tuple(segment, segment, segment)
      .map(([id, key, index]) => ({ method: 'GET', path: `/api/v1/runs/${id}/tasks/${key}/logs?index=${index}` })),
    fc
      .tuple(fc.oneof(segment, fc.constant(SOME_UUID)), fc.constantFrom('cancel', 'pause', 'resume', 'retry', 'nope'))
      .map(([id, action]) => ({
        method: 'POST',
        path: `/api/v1/runs/${id}/${action}`,
        contentType: 'application/json',
        body: '',
      })),
    fc
      .tuple(segment, fc.constantFrom('pause', 'resume'))
      .map(([name, action]) => ({ method: 'POST', path: `/api/v1/admin/queues/${name}/${action}` })),
    fc
      .constantFrom('/api/v1/task-types', '/api/v1/admin/stats', '/api/v1/admin/executors', '/api/v1/admin/queues')
      .map((path) => ({ method: 'GET', path })),
    fc
      .tuple(
        fc.constantFrom('PUT', 'PATCH', 'DELETE', 'OPTIONS', 'HEAD'),
        fc.constantFrom('/api/v1/workflows', '/api/v1/runs'),
      )
      .map(([method, path]) => ({ method, path })),
  )
  .map((request) => ({ kind: 'path-and-query', ...request }));

const target = fc.constantFrom(
  '/api/v1/workflows',
  '/api/v1/workflows/fz-noop/runs',
  `/api/v1/runs/${SOME_UUID}/cancel`,
);

/** Bodies that are not JSON, are too deep, are huge, or say the wrong content type. */
const malformedBody: fc.Arbitrary<FuzzRequest> = fc
  .tuple(
    target,
    fc.oneof(
      { weight: 4, arbitrary: fc.string({ maxLength: 60 }) },
      { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 60 }) },
      fc.constantFrom('{', '{"input":', '[', 'null', '""', '1e999', '{"a":1,"a":2}', '{"input":{}}garbage', '\uFEFF{}'),
      fc.integer({ min: 100, max: 20_000 }).map((depth) => `{"input":${'['.repeat(depth)}${']'.repeat(depth)}}`),
      fc.integer({ min: 100, max: 5_000 }).map((depth) => `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`),
      fc.integer({ min: 100, max: 5_000 }).map((depth) => `{"input":${'['.repeat(depth)}`),
      fc.constantFrom('{"__proto__":{"x":1}}', '{"constructor":{"prototype":{"x":1}}}', '{"input":{"__proto__":[]}}'),
    ),
    fc.oneof(
      { weight: 5, arbitrary: fc.constant('application/json') },
      fc.constantFrom(
        'text/plain',
        'application/xml',
        'application/x-www-form-urlencoded',
        'multipart/form-data; boundary=x',
        'application/json; charset=latin1',
        'application/octet-stream',
        'application/json; charset=utf-16',
        '',
        ';;;',
      ),
    ),
  )
  .map(([path, body, contentType]) => ({ kind: 'malformed-body', method: 'POST', path, contentType, body }));

/** Large strings and arrays: under the body limit (they reach the schemas) and over it (413). */
const hugeBody: fc.Arbitrary<FuzzRequest> = fc
  .tuple(
    fc.constantFrom(10_000, 200_000, 1_000_000, 6 * 1024 * 1024),
    fc.constantFrom('string', 'array', 'tags', 'key', 'name'),
  )
  .map(([size, shape]) => {
    const big = 'x'.repeat(size);
    const bodies: Record<string, [string, unknown]> = {
      string: ['/api/v1/workflows/fz-noop/runs', { input: { v: big } }],
      array: ['/api/v1/workflows/fz-noop/runs', { input: { v: new Array(Math.floor(size / 2)).fill(0) } }],
      tags: ['/api/v1/workflows/fz-noop/runs', { tags: new Array(Math.floor(size / 4)).fill('t') }],
      key: ['/api/v1/workflows/fz-noop/runs', { idempotencyKey: big }],
      name: ['/api/v1/workflows', { name: big, tasks: [{ key: 'a', type: 'core.noop' }] }],
    };
    const [path, body] = bodies[shape]!;
    return { kind: `huge-${shape}`, method: 'POST', path, contentType: 'application/json', body: json(body) };
  });

/** The whole mix; huge bodies are rare so the suite stays quick. */
export const badRequest: fc.Arbitrary<FuzzRequest> = fc.oneof(
  { weight: 30, arbitrary: runStart },
  { weight: 20, arbitrary: definition },
  { weight: 30, arbitrary: pathAndQuery },
  { weight: 18, arbitrary: malformedBody },
  { weight: 1, arbitrary: hugeBody },
);
