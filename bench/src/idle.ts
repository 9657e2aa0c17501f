import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { Cluster } from './cluster';
import { ROOT, type Child } from './processes';
import { createServices, type BenchServices } from './services';
import { sleep } from './timing';

/**
 * The idle cost of a Taskloom system (ADR 0024): api, router and executors
 * started, nothing submitted, each process's CPU measured over a minute once
 * start-up has settled. The e2e tier checks the standalone process under
 * 1 % of a core over 15 s; this is the minute-long figure.
 */
const USAGE = `npm run bench:idle -- [--seconds S] [--executors N] [--routers N] [--apis N] [--partitions N]`;

async function main(): Promise<void> {
  const { values } = parseArgs({
    args: process.argv.slice(2),
    strict: true,
    options: {
      seconds: { type: 'string', default: '60' },
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
    cluster = await Cluster.start({
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
    });
    await sleep(5_000);
    const before = cluster.cpuSeconds();
    await sleep(seconds * 1000);
    const after = cluster.cpuSeconds();
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

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`[bench:idle] failed: ${(error as Error)?.stack ?? String(error)}\n`);
    process.exit(1);
  },
);
