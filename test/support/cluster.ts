import { ApiClient, freePort } from './api-client';
import { AppProcess } from './app-process';
import { Client } from 'pg';
import { createSuiteServices, type SuiteServices } from './services';

/** api, router and executor as three processes on one suite's database and Redis prefix. */
export class Cluster {
  readonly processes: AppProcess[] = [];
  api!: ApiClient;

  private constructor(
    readonly services: SuiteServices,
    readonly env: Record<string, string>,
  ) {}

  static async start(
    suite: string,
    env: Record<string, string> = {},
    options: { executor?: boolean; postgresUrl?: string; redisUrl?: string } = {},
  ): Promise<Cluster> {
    const services = await createSuiteServices(suite, options);
    const port = await freePort();
    const cluster = new Cluster(services, { ...services.env, PORT: String(port), HOST: '127.0.0.1', ...env });
    cluster.api = new ApiClient(`http://127.0.0.1:${port}`);
    // The executor publishes the task types that definitions are validated against.
    if (options.executor !== false) await cluster.startExecutor();
    await cluster.startRouter();
    await cluster.startApi();
    return cluster;
  }

  /** Runs SQL on the suite's database, for assertions the HTTP API does not expose. */
  async sql<T = Record<string, unknown>>(text: string, params: unknown[] = []): Promise<T[]> {
    const client = new Client({ connectionString: this.services.databaseUrl });
    await client.connect();
    try {
      return (await client.query(text, params)).rows as T[];
    } finally {
      await client.end();
    }
  }

  async startExecutor(env: Record<string, string> = {}): Promise<AppProcess> {
    const executor = new AppProcess('executor', { ...this.env, ...env }).start();
    this.processes.push(executor);
    await executor.waitForLog(/serving \d+ queue/);
    return executor;
  }

  async startRouter(env: Record<string, string> = {}): Promise<AppProcess> {
    const router = new AppProcess('router', { ...this.env, ...env }).start();
    this.processes.push(router);
    await router.waitForLog(/taskloom-router dispatching/);
    return router;
  }

  async startApi(): Promise<AppProcess> {
    const api = new AppProcess('api', this.env).start();
    this.processes.push(api);
    await api.waitForLog(/taskloom-api listening/);
    return api;
  }

  async stop(): Promise<void> {
    await Promise.all(this.processes.map((process) => process.stop()));
    await this.services.dispose();
  }
}
