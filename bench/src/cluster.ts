import { createServer, type AddressInfo } from 'node:net';
import { join } from 'node:path';
import { APP_NODE_ARGS, Child, ROOT, type LogProblems } from './processes';
import { HttpClient } from './http-load';
import { RoundRobinClient } from './round-robin-client';
import type { BenchServices } from './services';
import { sleep } from './timing';

export interface ClusterOptions {
  services: BenchServices;
  executors: number;
  routers: number;
  apis: number;
  partitions: number;
  concurrency: number;
  connections: number;
  logDir: string;
  nodeArgs: (name: string) => string[];
  children: Set<Child>;
}

const START_TIMEOUT_MS = 60_000;

/** The real api, router and executor processes, built output, as an operator runs them. */
export class Cluster {
  private constructor(
    readonly api: HttpClient,
    readonly processes: Child[],
    private readonly fronts: number,
    private readonly spawnApp: (app: string, name: string, own?: Record<string, string>) => Child,
  ) {}

  static async start(options: ClusterOptions): Promise<Cluster> {
    const ports = await Promise.all(Array.from({ length: options.apis }, () => freePort()));
    const env: Record<string, string> = {
      DATABASE_URL: options.services.databaseUrl,
      DATABASE_POOL_SIZE: '20',
      REDIS_URL: options.services.redisUrl,
      REDIS_PREFIX: options.services.redisPrefix,
      HOST: '127.0.0.1',
      PORT: String(ports[0]),
      // The readiness lines below are info lines; the apps log nothing else
      // at info on their hot paths (request logging is off), so this costs nothing.
      LOG_LEVEL: 'info',
      QUEUE_PARTITIONS: String(options.partitions),
      EXECUTOR_CONCURRENCY: String(options.concurrency),
      // The bench measures throughput, not the front door's backpressure.
      API_BACKLOG_LIMIT: '100000000',
      // A quick stop at the end: nothing of value is running by then.
      SHUTDOWN_GRACE_MS: '2000',
    };
    const spawnApp = (app: string, name: string, own: Record<string, string> = {}) => {
      const child = new Child({
        name,
        script: join(ROOT, 'apps', app, 'dist', 'main.js'),
        env: { ...env, ...own },
        logDir: options.logDir,
        nodeArgs: [...APP_NODE_ARGS, ...options.nodeArgs(name)],
      });
      options.children.add(child);
      return child;
    };
    // Executors first: they publish the task types that workflow registration validates against.
    const executors = Array.from({ length: options.executors }, (_, i) => spawnApp('executor', `executor-${i + 1}`));
    const numbered = (app: string, count: number, index: number) => (count === 1 ? app : `${app}-${index + 1}`);
    const routers = Array.from({ length: options.routers }, (_, i) =>
      spawnApp('router', numbered('router', options.routers, i)),
    );
    const apis = ports.map((port, i) => spawnApp('api', numbered('api', options.apis, i), { PORT: String(port) }));
    await Promise.all([
      ...executors.map((executor) => executor.waitForLine(/serving \d+ queue\(s\)/, START_TIMEOUT_MS)),
      ...routers.map((router) => router.waitForLine(/taskloom-router dispatching/, START_TIMEOUT_MS)),
      ...apis.map((api) => api.waitForLine(/taskloom-api listening/, START_TIMEOUT_MS)),
    ]);
    const clients = ports.map(
      (port) =>
        new HttpClient(new URL(`http://127.0.0.1:${port}`), Math.max(1, Math.ceil(options.connections / ports.length))),
    );
    for (const client of clients) await waitUntilReady(client);
    const client = clients.length === 1 ? clients[0]! : new RoundRobinClient(clients);
    return new Cluster(client, [...apis, ...routers, ...executors], apis.length + routers.length, spawnApp);
  }

  /**
   * One more router on the same database and prefix with settings of its
   * own (the history phase's retention sweep); not one of the cluster's
   * measured processes, and stopped by the bench's cleanup if still running.
   */
  extraRouter(name: string, env: Record<string, string>): Child {
    return this.spawnApp('router', name, env);
  }

  /** Every process still running? A crash mid-phase must not be reported as a slow phase. */
  assertAlive(): void {
    const dead = this.processes.filter((child) => !child.running);
    if (dead.length > 0)
      throw new Error(
        `${dead.map((child) => `${child.options.name} (see ${child.logFile})`).join(', ')} exited during the bench`,
      );
  }

  peakRssMb(): Record<string, number> {
    return Object.fromEntries(this.processes.map((child) => [child.options.name, child.peakRssMb()]));
  }

  /** Each child's pid with its name, for the per-phase CPU ledger. */
  pids(): Map<number, string> {
    return new Map(
      this.processes.filter((child) => child.pid !== undefined).map((child) => [child.pid!, child.options.name]),
    );
  }

  cpuSeconds(): Record<string, number> {
    return Object.fromEntries(this.processes.map((child) => [child.options.name, child.cpuSeconds()]));
  }

  logProblems(): Record<string, LogProblems> {
    return Object.fromEntries(this.processes.map((child) => [child.options.name, child.problems()]));
  }

  async stop(): Promise<void> {
    this.api.close();
    // apis and routers first, so nothing new reaches the executors while they drain.
    const fronts = this.processes.slice(0, this.fronts);
    const executors = this.processes.slice(this.fronts);
    await Promise.all(fronts.map((child) => child.stop(5_000)));
    await Promise.all(executors.map((executor) => executor.stop(5_000)));
  }
}

async function waitUntilReady(client: HttpClient): Promise<void> {
  const deadline = Date.now() + START_TIMEOUT_MS;
  let last = '';
  while (Date.now() < deadline) {
    try {
      const answer = await client.send('GET', '/health/ready');
      if (answer.status === 200) return;
      last = `${answer.status} ${answer.body.slice(0, 200)}`;
    } catch (error) {
      last = (error as Error).message;
    }
    await sleep(200);
  }
  throw new Error(`GET /health/ready did not answer 200 within ${START_TIMEOUT_MS / 1000} s (last: ${last})`);
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}
