import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Redis } from 'ioredis';
import { createServer } from 'node:net';

const run = promisify(execFile);

/** Short, so a killed master's replica takes over within a few seconds. */
const NODE_TIMEOUT_MS = 2_000;

/**
 * A real Redis Cluster on loopback: three masters with a replica each,
 * `redis-server --cluster-enabled yes` daemons formed by `redis-cli --cluster
 * create`. Nothing is persisted; `stop` ends every node and removes its files.
 */
export class RedisCluster {
  private constructor(
    private readonly dir: string,
    readonly ports: number[],
  ) {}

  static async start(): Promise<RedisCluster> {
    const dir = await mkdtemp(join(tmpdir(), 'taskloom-redis-cluster-'));
    const ports: number[] = [];
    while (ports.length < 6) {
      const port = await busFreePort();
      if (!ports.includes(port)) ports.push(port);
    }
    const cluster = new RedisCluster(dir, ports);
    try {
      for (const port of ports) {
        await run('redis-server', [
          '--port', String(port),
          '--bind', '127.0.0.1',
          '--cluster-enabled', 'yes',
          '--cluster-config-file', join(dir, `nodes-${port}.conf`),
          '--cluster-node-timeout', String(NODE_TIMEOUT_MS),
          '--save', '',
          '--appendonly', 'no',
          '--daemonize', 'yes',
          '--pidfile', join(dir, `redis-${port}.pid`),
          '--logfile', join(dir, `redis-${port}.log`),
          '--dir', dir,
        ]); // prettier-ignore
      }
      for (const port of ports) await cluster.waitFor(port, async (node) => (await node.ping()) === 'PONG');
      await run('redis-cli', [
        '--cluster', 'create',
        ...ports.map((port) => `127.0.0.1:${port}`),
        '--cluster-replicas', '1',
        '--cluster-yes',
      ]); // prettier-ignore
      await cluster.waitUntilHealthy();
    } catch (error) {
      await cluster.stop();
      throw error;
    }
    return cluster;
  }

  /** REDIS_CLUSTER_NODES for Taskloom: every node, so a client can start whichever is down. */
  get nodes(): string {
    return this.ports.map((port) => `127.0.0.1:${port}`).join(',');
  }

  /** The port of the master serving a key's hash slot now. */
  async masterOf(key: string): Promise<number> {
    const client = await this.anyLiveNode();
    try {
      const slot = await client.cluster('KEYSLOT', key);
      const owner = (await shardsOf(client)).find((shard) => slot >= shard.from && slot <= shard.to);
      if (!owner) throw new Error(`no node serves slot ${slot}`);
      return owner.master;
    } finally {
      client.disconnect();
    }
  }

  /** The current masters' ports. */
  async masters(): Promise<number[]> {
    const client = await this.anyLiveNode();
    try {
      return [...new Set((await shardsOf(client)).map((shard) => shard.master))].sort();
    } finally {
      client.disconnect();
    }
  }

  /** kill -9 of one node, as a crashed machine. */
  async kill(port: number): Promise<void> {
    const pid = Number((await readFile(join(this.dir, `redis-${port}.pid`), 'utf8')).trim());
    process.kill(pid, 'SIGKILL');
    this.dead.add(port);
  }

  /** Every slot served by a live master, as every live node sees it (after a kill: the replica promoted). */
  async waitUntilHealthy(timeoutMs = 30_000): Promise<void> {
    for (const port of this.ports.filter((p) => !this.dead.has(p))) {
      await this.waitFor(
        port,
        async (node) => /cluster_state:ok/.test(await node.cluster('INFO')) && (await this.servedByLiveMasters(node)),
        timeoutMs,
      );
    }
  }

  async stop(): Promise<void> {
    for (const port of this.ports.filter((p) => !this.dead.has(p))) {
      const pid = await readFile(join(this.dir, `redis-${port}.pid`), 'utf8').catch(() => '');
      if (pid.trim() !== '') {
        try {
          process.kill(Number(pid.trim()), 'SIGKILL');
        } catch {
          // already gone
        }
      }
    }
    await rm(this.dir, { recursive: true, force: true });
  }

  private readonly dead = new Set<number>();

  private async servedByLiveMasters(node: Redis): Promise<boolean> {
    const shards = await shardsOf(node);
    const covered = shards.reduce((sum, shard) => sum + (shard.to - shard.from + 1), 0) === 16_384;
    return covered && shards.every((shard) => !this.dead.has(shard.master));
  }

  private async anyLiveNode(): Promise<Redis> {
    const port = this.ports.find((p) => !this.dead.has(p))!;
    return new Redis(port, '127.0.0.1', { maxRetriesPerRequest: 1 });
  }

  private async waitFor(port: number, check: (node: Redis) => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const node = new Redis(port, '127.0.0.1', {
        lazyConnect: true,
        maxRetriesPerRequest: 0,
        retryStrategy: () => null,
      });
      try {
        await node.connect();
        if (await check(node)) return;
      } catch (error) {
        if (Date.now() > deadline) throw error;
      } finally {
        node.disconnect();
      }
      if (Date.now() > deadline) throw new Error(`redis node ${port} did not become ready within ${timeoutMs} ms`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}

/** A free port whose cluster bus port (port + 10000, Redis's rule) is free too. */
async function busFreePort(): Promise<number> {
  for (;;) {
    const port = 20_000 + Math.floor(Math.random() * 10_000);
    if ((await canListen(port)) && (await canListen(port + 10_000))) return port;
  }
}

function canListen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

/** CLUSTER SLOTS as this node sees it: each slot range and the port of the master serving it. */
async function shardsOf(node: Redis): Promise<{ from: number; to: number; master: number }[]> {
  const shards = await node.cluster('SLOTS');
  return shards.map(([from, to, ...nodes]) => ({ from, to, master: nodes[0]![1] }));
}
