import { createServer, connect, type Server, type Socket } from 'node:net';
import { freePort } from '../support/api-client';
import { AppProcess } from '../support/app-process';
import { createSuiteServices, type SuiteServices } from '../support/services';

/**
 * A TCP proxy in front of the shared PostgreSQL that the test can cut: the
 * api loses its database without anyone stopping the shared server.
 */
class CuttableProxy {
  private server: Server | undefined;
  private readonly sockets = new Set<Socket>();

  constructor(
    readonly port: number,
    private readonly target: { host: string; port: number },
  ) {}

  async open(): Promise<void> {
    this.server = createServer((client) => {
      const upstream = connect(this.target.port, this.target.host);
      for (const socket of [client, upstream]) {
        this.sockets.add(socket);
        socket.on('close', () => this.sockets.delete(socket));
        socket.on('error', () => socket.destroy());
      }
      client.pipe(upstream).pipe(client);
    });
    await new Promise<void>((resolve) => this.server!.listen(this.port, '127.0.0.1', resolve));
  }

  /** Refuses new connections and drops the open ones, as a PostgreSQL that went away. */
  async cut(): Promise<void> {
    const closed = new Promise((resolve) => this.server?.close(resolve));
    for (const socket of this.sockets) socket.destroy();
    await closed;
  }
}

describe('PostgreSQL out of reach', () => {
  let services: SuiteServices;
  let proxy: CuttableProxy;
  let api: AppProcess;
  let base: string;

  beforeAll(async () => {
    services = await createSuiteServices('e2e-outage');
    const database = new URL(services.databaseUrl);
    proxy = new CuttableProxy(await freePort(), { host: database.hostname, port: Number(database.port || 5432) });
    await proxy.open();
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    database.port = String(proxy.port);
    api = new AppProcess('api', {
      ...services.env,
      DATABASE_URL: database.toString(),
      PORT: String(port),
      HOST: '127.0.0.1',
    }).start();
    await api.waitForLog(/taskloom-api listening/);
  });

  afterAll(async () => {
    await api?.stop();
    await proxy?.cut();
    await services?.dispose();
  });

  it('answers 503 with Retry-After, not 500, and stays up', async () => {
    expect((await fetch(`${base}/api/v1/runs`)).status).toBe(200);
    await proxy.cut();
    const requests: [string, string, string?][] = [
      ['POST', '/api/v1/workflows/anything/runs', '{"input":{}}'],
      ['GET', '/api/v1/runs'],
      ['GET', '/api/v1/workflows'],
      ['POST', '/api/v1/runs/00000000-0000-4000-8000-000000000000/cancel'],
    ];
    for (const [method, path, body] of requests) {
      // The first query after the cut may meet a dropped pooled connection, the next a refused new one: both are 503.
      for (let i = 0; i < 3; i++) {
        const response = await fetch(`${base}${path}`, {
          method,
          headers: body ? { 'content-type': 'application/json' } : {},
          body,
        });
        const answer = (await response.json()) as { statusCode: number; error: string; message: string };
        expect({ path, status: response.status }).toEqual({ path, status: 503 });
        expect(answer).toMatchObject({ statusCode: 503, error: 'ServiceUnavailable' });
        expect(answer.message).toMatch(/unavailable.*retry later/);
        expect(response.headers.get('retry-after')).toBe('5');
      }
    }
    expect((await fetch(`${base}/health`)).status).toBe(200);
    expect(api.running).toBe(true);
  });
});
