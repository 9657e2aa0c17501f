import { spawn, type ChildProcess } from 'node:child_process';
import { Redis } from 'ioredis';
import { freePort } from './api-client';

/**
 * A redis-server of the suite's own, for tests that must FLUSHALL or
 * restart Redis without touching what other suites keep in the shared one.
 */
export class PrivateRedis {
  private constructor(
    private child: ChildProcess,
    private readonly port: number,
    readonly url: string,
  ) {}

  static async start(): Promise<PrivateRedis> {
    const port = await freePort();
    const redis = new PrivateRedis(PrivateRedis.spawn(port), port, `redis://127.0.0.1:${port}`);
    await redis.ready();
    return redis;
  }

  private static spawn(port: number): ChildProcess {
    return spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], {
      stdio: 'ignore',
    });
  }

  private async ready(): Promise<void> {
    for (let tries = 0; ; tries += 1) {
      // A fresh client per try: ioredis refuses connect() on a client that is still reconnecting.
      const client = new Redis(this.url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
      try {
        await client.connect();
        await client.ping();
        return;
      } catch (error) {
        if (tries > 50) throw error;
        await new Promise((resolve) => setTimeout(resolve, 100));
      } finally {
        client.disconnect();
      }
    }
  }

  async flushAll(): Promise<void> {
    const client = new Redis(this.url);
    try {
      await client.flushall();
    } finally {
      client.disconnect();
    }
  }

  /** kill -9 and a fresh start on the same port, empty (nothing is persisted): a crashed Redis coming back. */
  async restart(downMs = 0): Promise<void> {
    await this.kill('SIGKILL');
    if (downMs > 0) await new Promise((resolve) => setTimeout(resolve, downMs));
    this.child = PrivateRedis.spawn(this.port);
    await this.ready();
  }

  async stop(): Promise<void> {
    await this.kill('SIGTERM');
  }

  private async kill(signal: NodeJS.Signals): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    const exited = new Promise((resolve) => this.child.once('exit', resolve));
    this.child.kill(signal);
    await exited;
  }
}
