import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Redis } from 'ioredis';
import { AppProcess } from '../support/app-process';
import { Cluster } from '../support/cluster';
import { freePort } from '../support/api-client';
import { PrivateRedis } from '../support/private-redis';
import { createSuiteServices, type SuiteServices } from '../support/services';

const ROOT = path.resolve(__dirname, '../..');
const TYPES = 100;
const PARTITIONS = 16;
/** Long enough to see several of every periodic command (the slowest, BullMQ's drain wait, is 5 s). */
const WINDOW_MS = 15_000;
/** Start-up is over once this long costs at most 1 % of a core. */
const SETTLE_MS = 4_000;

/**
 * The bound ADR 0024 documents, for an executor serving P partitions of K
 * pools: at most P × K + 3 Redis connections and 3 × P × K + 2 commands a
 * second while idle, counting the commands BullMQ's scripts run as INFO
 * commandstats does — here 16 partitions of one pool, whatever the 100 task
 * types (the per-type layout needed 1,600 connections).
 */
const connectionBound = (queues: number) => queues + 3;
const idleCommandBound = (queues: number) => queues * 3 + 2;

/** A plugin of TYPES task types, written as built JavaScript on the SDK, loaded by absolute path. */
async function writeManyTypesPlugin(dir: string): Promise<string> {
  const file = path.join(dir, 'many-types.js');
  await writeFile(
    file,
    `const { definePlugin, defineTask, z } = require(${JSON.stringify(path.join(ROOT, 'libs/sdk/dist/index.js'))});
const json = z.record(z.string(), z.json());
module.exports = definePlugin({
  name: 'many',
  version: '1.0.0',
  tasks: Array.from({ length: ${TYPES} }, (_, index) =>
    defineTask({ type: 'many.t' + index, description: 'returns its input', input: json, output: json, resources: 'io-intensive', run: (input) => input }),
  ),
});
`,
  );
  return file;
}

async function commandsServed(redis: Redis): Promise<number> {
  const stats = await redis.info('commandstats');
  return [...stats.matchAll(/^cmdstat_[^:]+:calls=(\d+)/gm)].reduce((sum, match) => sum + Number(match[1]), 0);
}

/** CPU seconds (user + system) a process has used, from /proc. */
async function cpuSeconds(pid: number): Promise<number> {
  const { readFile } = await import('node:fs/promises');
  const fields = (await readFile(`/proc/${pid}/stat`, 'utf8')).split(') ')[1]!.split(' ');
  // utime and stime are fields 14 and 15 of the whole line, 12 and 13 after "pid (comm) ".
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

describe('an idle executor costs Redis little, however many task types (ADR 0024)', () => {
  let dir: string;
  let redis: PrivateRedis;
  let probe: Redis;
  let cluster: Cluster;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'taskloom-redis-cost-'));
    const plugin = await writeManyTypesPlugin(dir);
    redis = await PrivateRedis.start();
    probe = new Redis(redis.url);
    cluster = await Cluster.start('e2e-redis-cost', {
      REDIS_URL: redis.url,
      QUEUE_PARTITIONS: String(PARTITIONS),
      PLUGINS: `@taskloom/plugin-core,${plugin}`,
    });
  });

  afterAll(async () => {
    probe?.disconnect();
    await cluster?.stop();
    await redis?.stop();
    await rm(dir, { recursive: true, force: true });
  });

  it(`keeps an executor serving ${TYPES} types on ${PARTITIONS} partitions within its connection and idle command bound`, async () => {
    const types = await cluster.api.get<{ items: unknown[] }>('/api/v1/task-types?limit=200');
    expect(types.body.items.length).toBeGreaterThanOrEqual(TYPES);
    await cluster.api.post('/api/v1/workflows', {
      name: 'some-types',
      tasks: [0, 41, 99].map((index) => ({ key: `t${index}`, type: `many.t${index}`, input: { index } })),
    });
    const run = await cluster.api.post<{ id: string }>('/api/v1/workflows/some-types/runs', { input: {} });
    expect((await cluster.api.waitForRun(run.body.id)).status).toBe('succeeded');

    // Only the executor stays connected: what Redis sees now is its own cost (and this probe's one connection).
    for (const process of cluster.processes.filter((p) => p.app !== 'executor')) await process.stop();
    const queues = PARTITIONS;
    const clients =
      String(await probe.client('LIST'))
        .trim()
        .split('\n').length - 1;
    expect(clients).toBeLessThanOrEqual(connectionBound(queues));
    expect(clients).toBeGreaterThanOrEqual(queues);

    const before = await commandsServed(probe);
    await new Promise((resolve) => setTimeout(resolve, WINDOW_MS));
    // The first INFO call of this probe is in the count too.
    const served = (await commandsServed(probe)) - before - 1;
    const rate = served / (WINDOW_MS / 1000);
    console.log(`executor idle: ${clients} Redis connections, ${rate.toFixed(2)} commands/s over ${queues} queues`);
    expect(rate).toBeLessThanOrEqual(idleCommandBound(queues));
  });
});

describe('an idle standalone system uses under 1 % of a core', () => {
  let services: SuiteServices;
  let standalone: AppProcess;

  beforeAll(async () => {
    services = await createSuiteServices('e2e-idle-cpu');
  });

  afterAll(async () => {
    await standalone?.stop();
    await services?.dispose();
  });

  it('measured over 15 s once start-up has settled (bench:idle measures a minute)', async () => {
    const port = await freePort();
    standalone = new AppProcess('standalone', {
      ...services.env,
      PORT: String(port),
      HOST: '127.0.0.1',
    }).start();
    await standalone.waitForLog(/Demo run [0-9a-f-]{36} succeeded/, 60_000);
    // Start-up work (plugin warm-up, the demo run, JIT, the first samples) tails off over some seconds:
    // the window opens once a few seconds in a row cost no more than the bound.
    const pid = standalone.pid!;
    const settleBy = Date.now() + 60_000;
    for (let last = await cpuSeconds(pid); ;) {
      await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
      const now = await cpuSeconds(pid);
      if (now - last <= (SETTLE_MS / 1000) * 0.01 || Date.now() > settleBy) break;
      last = now;
    }
    const before = await cpuSeconds(pid);
    await new Promise((resolve) => setTimeout(resolve, WINDOW_MS));
    const share = ((await cpuSeconds(pid)) - before) / (WINDOW_MS / 1000);
    console.log(`standalone idle: ${(share * 100).toFixed(2)} % of a core`);
    expect(share).toBeLessThan(0.01);
  });
});
