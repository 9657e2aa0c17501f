import { mkdirSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { Client } from 'pg';
import { Cluster } from './cluster';
import { APP_NODE_ARGS, Child, ROOT } from './processes';
import { createServices, type BenchServices } from './services';
import { sleep } from './timing';

/**
 * The idle cost of a Taskloom system (ADR 0024, ADR 0028): api, router and
 * executors (or, with --standalone, `npm start`'s single process) started,
 * nothing submitted, each process's CPU seconds measured over a minute once
 * start-up has settled, with the transactions PostgreSQL committed on the
 * bench's database meanwhile. This is where the standalone process's bound
 * (under 1 % of a core) is measured and judged: a CPU share sampled inside
 * the test suite would measure whatever else the machine runs at the time.
 * CPU seconds are what the processes spent, which other load on the machine
 * changes little; wall-clock latencies would change a lot.
 */
const USAGE = `npm run bench:idle -- [--seconds S] [--settle S] [--standalone] [--executors N] [--routers N] [--apis N] [--partitions N] [--cpu-prof]`;
const START_TIMEOUT_MS = 60_000;
/** Issue 19: an idle standalone system costs under 1 % of a core. */
const STANDALONE_BOUND = 0.01;

async function main(): Promise<void> {
  const { values } = parseArgs({
    args: process.argv.slice(2),
    strict: true,
    options: {
      seconds: { type: 'string', default: '60' },
      standalone: { type: 'boolean', default: false },
      'cpu-prof': { type: 'boolean', default: false },
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
  // Where an idle process spends its CPU: one .cpuprofile per process in the log directory, for DevTools.
  const nodeArgs = (name: string) =>
    values['cpu-prof'] ? ['--cpu-prof', `--cpu-prof-dir=${logDir}`, `--cpu-prof-name=${name}.cpuprofile`] : [];
  const children = new Set<Child>();
  let services: BenchServices | undefined;
  let cluster: Cluster | undefined;
  try {
    services = await createServices(values.postgres.replace(/\/+$/, ''), values.redis);
    const measured = values.standalone
      ? await startStandalone(services, count('partitions'), logDir, children, nodeArgs('standalone'))
      : (cluster = await Cluster.start({
          services,
          executors: count('executors'),
          routers: count('routers'),
          apis: count('apis'),
          partitions: count('partitions'),
          concurrency: 64,
          connections: 4,
          logDir,
          nodeArgs,
          children,
        }));
    // Plugin warm-up, JIT, the first samples and (standalone) the demo run tail off over half a minute.
    await sleep(count('settle') * 1000);
    const postgresUrl = values.postgres.replace(/\/+$/, '');
    const transactionsBefore = await committedTransactions(postgresUrl, services.database);
    const before = measured.cpuSeconds();
    await sleep(seconds * 1000);
    const after = measured.cpuSeconds();
    const transactions = (await committedTransactions(postgresUrl, services.database)) - transactionsBefore;
    const line = (name: string, cpu: number) =>
      `  ${name.padEnd(12)} ${cpu.toFixed(2).padStart(5)} CPU s  ${((cpu / seconds) * 100).toFixed(2).padStart(6)} % of a core`;
    const spent = Object.keys(after).map((name) => [name, after[name]! - before[name]!] as const);
    const total = spent.reduce((sum, [, cpu]) => sum + cpu, 0);
    const share = total / seconds;
    const verdict = values.standalone
      ? `standalone ${(share * 100).toFixed(2)} % of a core: ${share < STANDALONE_BOUND ? 'PASS' : 'FAIL'} (bound ${STANDALONE_BOUND * 100} %)`
      : `the ${STANDALONE_BOUND * 100} % bound is judged on --standalone`;
    process.stdout.write(
      `idle over ${seconds} s (CPU seconds to the clock tick, 0.01 s):\n${spent.map(([name, cpu]) => line(name, cpu)).join('\n')}\n` +
        `${line('total', total)}\n  PostgreSQL   ${(transactions / seconds).toFixed(1)} transactions/s on the bench database\n${verdict}\n`,
    );
    if (values.standalone && share >= STANDALONE_BOUND) process.exitCode = 1;
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
  nodeArgs: string[],
): Promise<{ cpuSeconds(): Record<string, number> }> {
  const child = new Child({
    name: 'standalone',
    script: join(ROOT, 'apps', 'standalone', 'dist', 'main.js'),
    nodeArgs: [...APP_NODE_ARGS, ...nodeArgs],
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

/** Transactions committed or rolled back on the bench's database, as PostgreSQL's statistics count them. */
async function committedTransactions(postgresUrl: string, database: string): Promise<number> {
  const client = new Client({ connectionString: `${postgresUrl}/postgres` });
  await client.connect();
  try {
    const { rows } = await client.query<{ count: string }>(
      'SELECT (xact_commit + xact_rollback)::text AS count FROM pg_stat_database WHERE datname = $1',
      [database],
    );
    return Number(rows[0]?.count ?? 0);
  } finally {
    await client.end();
  }
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
  () => process.exit(process.exitCode ?? 0),
  (error: unknown) => {
    process.stderr.write(`[bench:idle] failed: ${(error as Error)?.stack ?? String(error)}\n`);
    process.exit(1);
  },
);
