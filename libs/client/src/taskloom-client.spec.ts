import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  BadRequestError,
  NotFoundError,
  parseRetryAfter,
  RunWaitTimeoutError,
  ServiceUnavailableError,
  TaskloomApiError,
  TaskloomClient,
  TaskloomConnectionError,
  TooManyRequestsError,
  type Run,
} from './index';

interface Seen {
  method: string;
  url: string;
  body: string;
  authorization?: string;
}
interface Reply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

/** A real HTTP server answering from a script, one reply per request; it records what it received. */
class ScriptedApi {
  readonly seen: Seen[] = [];
  private replies: Reply[] = [];
  private readonly server: Server = createServer((req, res) => void this.answer(req, res));

  async start(): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  script(...replies: Reply[]): void {
    this.replies = replies;
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise((resolve) => this.server.close(resolve));
  }

  private async answer(req: IncomingMessage, res: ServerResponse): Promise<void> {
    let body = '';
    for await (const chunk of req) body += String(chunk);
    this.seen.push({ method: req.method!, url: req.url!, body, authorization: req.headers.authorization });
    const reply = this.replies.shift() ?? { status: 500, body: { statusCode: 500, error: 'Unscripted', message: '' } };
    const text = typeof reply.body === 'string' ? reply.body : JSON.stringify(reply.body ?? {});
    const type = typeof reply.body === 'string' ? 'text/html' : 'application/json';
    res.writeHead(reply.status, { 'content-type': type, ...reply.headers }).end(text);
  }
}

const RUN_ID = '0b0f5a8e-1c1f-4a53-9a3e-6a1c1f1b2c3d';
const run = (status: Run['status'], taskStatus: Run['tasks'][number]['status'] = 'running'): Run => ({
  id: RUN_ID,
  workflow: 'w',
  version: 1,
  status,
  priority: 'normal',
  input: {},
  output: null,
  error: null,
  tags: [],
  parentTaskId: null,
  concurrency: null,
  createdAt: '2026-12-06T00:00:00.000Z',
  startAt: null,
  startedAt: null,
  finishedAt: null,
  tasks: [
    {
      id: RUN_ID,
      key: 'a',
      kind: 'task',
      type: 'core.noop',
      status: taskStatus,
      attempts: 1,
      interruptions: 0,
      priority: 'normal',
      input: {},
      output: null,
      error: null,
      queuedAt: null,
      startedAt: null,
      finishedAt: null,
    },
  ],
});
const busy = (retryAfter?: string): Reply => ({
  status: 429,
  body: { statusCode: 429, error: 'TooManyRequests', message: 'slow down' },
  headers: retryAfter === undefined ? {} : { 'retry-after': retryAfter },
});

describe('TaskloomClient against a real HTTP server', () => {
  const api = new ScriptedApi();
  let baseUrl: string;
  let client: TaskloomClient;

  beforeAll(async () => {
    baseUrl = await api.start();
  });
  afterAll(() => api.stop());
  beforeEach(() => {
    api.seen.length = 0;
    client = new TaskloomClient({ baseUrl, apiKey: 'tlk_a_b', retry: { maxRetries: 2, baseDelayMs: 1 } });
  });

  it('sends the API key as a bearer token and answers the typed body', async () => {
    api.script({ status: 200, body: run('running') });
    expect((await client.getRun(RUN_ID)).status).toBe('running');
    expect(api.seen).toEqual([expect.objectContaining({ method: 'GET', url: `/api/v1/runs/${RUN_ID}` })]);
    expect(api.seen[0]!.authorization).toBe('Bearer tlk_a_b');
  });

  it('retries a 429 after its Retry-After and sends the same body again', async () => {
    const definition = { name: 'w', tasks: [{ key: 'a', type: 'core.noop', input: {} }] };
    api.script(busy('0'), { status: 201, body: { name: 'w', version: 3 } });
    await expect(client.registerWorkflow(definition)).resolves.toEqual({ name: 'w', version: 3, created: true });
    expect(api.seen.map((seen) => JSON.parse(seen.body) as unknown)).toEqual([definition, definition]);
  });

  it('reports an identical definition (200) as not created', async () => {
    api.script({ status: 200, body: { name: 'w', version: 3 } });
    await expect(client.registerWorkflow({ name: 'w', tasks: [] })).resolves.toMatchObject({ created: false });
  });

  it('retries 429 and 503 without Retry-After, then throws the typed error once the retries run out', async () => {
    const unavailable = { statusCode: 503, error: 'ServiceUnavailable', message: 'PostgreSQL is out of reach' };
    api.script(
      busy(),
      { status: 503, body: unavailable },
      { status: 503, body: unavailable, headers: { 'retry-after': '0' } },
    );
    const error = await client.getRun(RUN_ID).catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(ServiceUnavailableError);
    expect(error).toBeInstanceOf(TaskloomApiError);
    expect(error).toMatchObject({ status: 503, body: unavailable, retryAfterSeconds: 0, code: 'ServiceUnavailable' });
    expect(api.seen).toHaveLength(3);
  });

  it('does not retry early when Retry-After asks for longer than maxDelayMs', async () => {
    client = new TaskloomClient({ baseUrl, retry: { maxRetries: 5, maxDelayMs: 1_000 } });
    api.script(busy('120'));
    const error = await client.getRun(RUN_ID).catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(TooManyRequestsError);
    expect(error).toMatchObject({ status: 429, retryAfterSeconds: 120 });
    expect(api.seen).toHaveLength(1);
  });

  it('does not retry other errors: 404 and 400 become their own classes with the error body', async () => {
    const notFound = { statusCode: 404, error: 'NotFoundError', message: `run ${RUN_ID} not found` };
    const invalid = {
      statusCode: 400,
      error: 'ValidationError',
      message: 'bad',
      details: [{ path: 'x', message: 'y' }],
    };
    api.script({ status: 404, body: notFound }, { status: 400, body: invalid });
    await expect(client.getRun(RUN_ID)).rejects.toThrow(NotFoundError);
    const error = await client.startRun('w', { input: {} }).catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(BadRequestError);
    expect(error).toMatchObject({ status: 400, body: invalid, code: 'ValidationError' });
    expect(api.seen).toHaveLength(2);
  });

  it('keeps a body that is not the api error shape (a proxy page) as the message', async () => {
    api.script({ status: 502, body: '<html>bad gateway</html>' });
    const error = await client.getRun(RUN_ID).catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(TaskloomApiError);
    expect(error).toMatchObject({ status: 502, body: { statusCode: 502, error: 'HttpError' } });
    expect((error as Error).message).toContain('bad gateway');
  });

  it('throws TaskloomConnectionError, naming the address, when nothing listens', async () => {
    const closed = new ScriptedApi();
    const url = await closed.start();
    await closed.stop();
    const error = await new TaskloomClient({ baseUrl: url }).getRun(RUN_ID).catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(TaskloomConnectionError);
    expect((error as Error).message).toContain(url);
  });

  it('watchRun yields each changed snapshot and ends with the terminal one', async () => {
    api.script(
      { status: 200, body: run('running', 'queued') },
      { status: 200, body: run('running', 'queued') },
      { status: 200, body: run('running', 'running') },
      { status: 200, body: run('succeeded', 'succeeded') },
    );
    const seen: string[] = [];
    for await (const snapshot of client.watchRun(RUN_ID, { intervalMs: 1 })) {
      seen.push(`${snapshot.status}/${snapshot.tasks[0]!.status}`);
    }
    expect(seen).toEqual(['running/queued', 'running/running', 'succeeded/succeeded']);
    expect(api.seen).toHaveLength(4);
  });

  it('waitForRun answers the terminal run, or RunWaitTimeoutError once its timeout passes', async () => {
    api.script({ status: 200, body: run('running') }, { status: 200, body: run('failed', 'failed') });
    await expect(client.waitForRun(RUN_ID, { intervalMs: 1 })).resolves.toMatchObject({ status: 'failed' });

    api.script(...Array.from({ length: 50 }, () => ({ status: 200, body: run('running') })));
    await expect(client.waitForRun(RUN_ID, { intervalMs: 60_000, timeoutMs: 20 })).rejects.toThrow(RunWaitTimeoutError);
  });
});

describe('parseRetryAfter', () => {
  it('reads delta-seconds and HTTP dates', () => {
    const now = Date.parse('2026-12-06T00:00:00Z');
    expect(parseRetryAfter('7', now)).toBe(7_000);
    expect(parseRetryAfter('Sun, 06 Dec 2026 00:00:30 GMT', now)).toBe(30_000);
    expect(parseRetryAfter('Sat, 05 Dec 2026 00:00:00 GMT', now)).toBe(0);
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter(null, now)).toBeUndefined();
  });
});
