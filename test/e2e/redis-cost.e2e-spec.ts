import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Redis } from 'ioredis';
import { Cluster } from '../support/cluster';
import { PrivateRedis } from '../support/private-redis';

const ROOT = path.resolve(__dirname, '../..');
const TYPES = 100;
const PARTITIONS = 16;
/** Long enough to see several of every periodic command (the slowest, BullMQ's drain wait, is 5 s). */
const WINDOW_MS = 15_000;

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
