import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { TASKLOOM_CONFIG, type TaskloomConfig } from '@taskloom/config';
import { cancelledRunsKey } from './queue-names';
import { REDIS_CONNECTION } from './queue.tokens';
import type { RedisConnection } from './redis.connection';

/** How often an executor forgets markers older than CANCEL_MARKER_TTL_MS. */
const PRUNE_EVERY_MS = 60_000;

/**
 * Cancelled runs, as executors see them before starting a job: the api
 * announces a cancel (a sorted-set entry and a pub/sub message) after it
 * committed and before it answers; each executor keeps the recent ones in
 * memory, fed by the channel and reloaded from the set whenever its
 * subscription (re)connects. Checking a job costs a map lookup, not a round
 * trip. PostgreSQL stays the truth: a job missed here still cannot record
 * anything for a cancelled run (its writes are fenced).
 */
@Injectable()
export class CancelledRuns implements OnApplicationShutdown {
  private readonly logger = new Logger(CancelledRuns.name);
  private readonly key: string;
  private readonly ttlMs: number;
  private readonly known = new Map<string, number>();
  private subscriber: RedisConnection | undefined;
  private pruner: NodeJS.Timeout | undefined;

  constructor(
    @Inject(TASKLOOM_CONFIG) config: TaskloomConfig,
    @Inject(REDIS_CONNECTION) private readonly redis: RedisConnection,
  ) {
    this.key = cancelledRunsKey(config.redis.prefix);
    this.ttlMs = config.engine.cancelMarkerTtlMs;
  }

  /** Marks the runs cancelled for every executor; resolves once Redis has them. */
  async announce(runIds: readonly string[]): Promise<void> {
    if (runIds.length === 0) return;
    const now = Date.now();
    await this.redis
      .multi()
      .zadd(this.key, ...runIds.flatMap((id) => [now, id]))
      .zremrangebyscore(this.key, '-inf', now - this.ttlMs)
      .publish(this.key, runIds.join(','))
      .exec();
  }

  /** Starts listening (executors); resolves once the markers so far are loaded. */
  async watch(): Promise<void> {
    const subscriber = this.redis.duplicate();
    this.subscriber = subscriber;
    subscriber.on('message', (_channel: string, message: string) => this.remember(message.split(','), Date.now()));
    subscriber.on('error', (error: Error) => this.logger.warn(`cancel markers: ${error.message}`));
    // After a reconnect ioredis subscribes again; markers announced while it was away are read from the set.
    subscriber.on('ready', () => void this.load().catch((error: Error) => this.logger.warn(error.message)));
    await subscriber.subscribe(this.key);
    await this.load();
    this.pruner = setInterval(() => this.prune(), PRUNE_EVERY_MS);
    this.pruner.unref();
  }

  has(runId: string): boolean {
    return this.known.has(runId);
  }

  private async load(): Promise<void> {
    const entries = await this.redis.zrangebyscore(this.key, Date.now() - this.ttlMs, '+inf', 'WITHSCORES');
    for (let index = 0; index < entries.length; index += 2) {
      this.known.set(entries[index]!, Number(entries[index + 1]));
    }
  }

  private remember(runIds: readonly string[], at: number): void {
    for (const runId of runIds) this.known.set(runId, at);
  }

  private prune(): void {
    const oldest = Date.now() - this.ttlMs;
    for (const [runId, at] of this.known) if (at < oldest) this.known.delete(runId);
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.pruner) clearInterval(this.pruner);
    this.subscriber?.disconnect();
  }
}
