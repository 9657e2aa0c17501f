import { mkdirSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { Cluster } from './cluster';
import { Child, ROOT } from './processes';
import { createServices, type BenchServices } from './services';
import { sleep } from './timing';

/**
 * The idle cost of a Taskloom system (ADR 0024): api, router and executors
 * (or, with --standalone, `npm start`'s single process) started, nothing
 * submitted, each process's CPU measured over a minute once start-up has
 * settled. This is where the standalone process's bound (under 1 % of a
 * core) is measured: a CPU share sampled inside the test suite would
 * measure whatever else the machine runs at the time.
 */
const USAGE = `npm run bench:idle -- [--seconds S] [--settle S] [--standalone] [--executors N] [--routers N] [--apis N] [--partitions N]`;
const START_TIMEOUT_MS = 60_000;

async function main(): Promise<void> {
  const { values } = parseArgs({
    args: process.argv.slice(2),
    strict: true,
    options: {
      seconds: { type: 'string', default: '60' },
      standalone: { type: 'boolean', default: false },
      settle: { type: 'string', default: '30' },
      executors: { type: 'string', default: '1' },
      routers: { type: 'string', default: '1' },
      apis: { type: 'string', default: '1' },
      partitions: { type: 'string', default: '4' },
      postgres: { type: 'string', default: process.env.BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432' },
      redis: { type: 'string', default: process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379' },
    },
  });
  const count = (name: keyof typeof values) => {
    const value = Number(values[name]);
    if (!Number.isInteger(value) || value < 1) throw new Error(`--${name} must be a positive integer\n${USAGE}`);
    return value;
  };
  const seconds = count('seconds');
  const logDir = join(ROOT, 'bench', 'results', `idle-logs-${new Date().toISOString().replace(/[:.]/g, '-')}`);
  mkdirSync(logDir, { recursive: true });
  const children = new Set<Child>();
  let services: BenchServices | undefined;
  let cluster: Cluster | undefined;
  try {
    services = await createServices(values.postgres.replace(/\/+$/, ''), values.redis);
    const measured = values.standalone
      ? await startStandalone(services, count('partitions'), logDir, children)
      : (cluster = await Cluster.start({
          services,
          executors: count('executors'),
          routers: count('routers'),
          apis: count('apis'),
          partitions: count('partitions'),
          concurrency: 64,
          connections: 4,
          logDir,
          nodeArgs: () => [],
          children,
        }));
    // Plugin warm-up, JIT, the first samples and (standalone) the demo run tail off over half a minute.
    await sleep(count('settle') * 1000);
    const before = measured.cpuSeconds();
    await sleep(seconds * 1000);
    const after = measured.cpuSeconds();
    const lines = Object.keys(after).map((name) => {
      const share = (after[name]! - before[name]!) / seconds;
      return `  ${name.padEnd(12)} ${(share * 100).toFixed(2).padStart(6)} % of a core`;
    });
    const total = Object.keys(after).reduce((sum, name) => sum + after[name]! - before[name]!, 0) / seconds;
    process.stdout.write(
      `idle over ${seconds} s (CPU seconds are sampled to 0.1 s):\n${lines.join('\n')}\n  ${'total'.padEnd(12)} ${(total * 100).toFixed(2).padStart(6)} % of a core\n`,
    );
  } finally {
    await cluster?.stop();
    await Promise.all([...children].map((child) => child.stop(5_000)));
    await services?.dispose();
  }
}

/** `npm start`'s process: api, router and executor in one, on the bench database and prefix. */
async function startStandalone(
  services: BenchServices,
  partitions: number,
  logDir: string,
  children: Set<Child>,
): Promise<{ cpuSeconds(): Record<string, number> }> {
  const child = new Child({
    name: 'standalone',
    script: join(ROOT, 'apps', 'standalone', 'dist', 'main.js'),
    env: {
      DATABASE_URL: services.databaseUrl,
      REDIS_URL: services.redisUrl,
      REDIS_PREFIX: services.redisPrefix,
      HOST: '127.0.0.1',
      PORT: String(await freePort()),
      QUEUE_PARTITIONS: String(partitions),
      LOG_LEVEL: 'info',
    },
    logDir,
  });
  children.add(child);
  await child.waitForLine(/Demo run [0-9a-f-]{36} succeeded/, START_TIMEOUT_MS);
  return { cpuSeconds: () => ({ standalone: child.cpuSeconds() }) };
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

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`[bench:idle] failed: ${(error as Error)?.stack ?? String(error)}\n`);
    process.exit(1);
  },
);
