import { createServer, type AddressInfo } from 'node:net';
import { isTerminalRunStatus, type RunStatus } from '@taskloom/engine';
import { openApiContract } from './openapi-contract';

/**
 * A thin JSON client over the public HTTP API, as a user would call it.
 * Every response it receives is checked against the committed OpenAPI
 * document (test/support/openapi-contract.ts): one that breaks it fails
 * the test, so the document cannot drift from what the api answers.
 */
export class ApiClient {
  constructor(
    readonly base: string,
    private readonly headers: Record<string, string> = {},
  ) {}

  /** The same API called with `Authorization: Bearer <key>`. */
  withKey(key: string): ApiClient {
    return new ApiClient(this.base, { ...this.headers, authorization: `Bearer ${key}` });
  }

  async request<T = unknown>(
    method: string,
    path: string,
    body?: unknown,
  ): Promise<{ status: number; body: T; headers: Headers }> {
    const response = await fetch(`${this.base}${path}`, {
      method,
      headers: body === undefined ? this.headers : { ...this.headers, 'content-type': 'application/json' },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    const text = await response.text();
    const parsed: unknown = text ? JSON.parse(text) : undefined;
    openApiContract().assertConforms({
      method,
      path,
      status: response.status,
      headers: response.headers,
      body: parsed,
    });
    return { status: response.status, body: parsed as T, headers: response.headers };
  }

  get<T = unknown>(path: string) {
    return this.request<T>('GET', path);
  }

  post<T = unknown>(path: string, body?: unknown) {
    return this.request<T>('POST', path, body);
  }

  /** Polls a run until it reaches a terminal status. */
  async waitForRun<T extends { status: string }>(id: string, timeoutMs = 60_000): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const { body } = await this.get<T>(`/api/v1/runs/${id}`);
      if (isTerminalRunStatus(body.status as RunStatus)) return body;
      if (Date.now() > deadline)
        throw new Error(`run ${id} still ${body.status} after ${timeoutMs} ms: ${JSON.stringify(body)}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  async waitFor(check: () => Promise<boolean>, what: string, timeoutMs = 30_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!(await check())) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}

/** A port nothing listens on right now, for an app a test is about to start. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}
