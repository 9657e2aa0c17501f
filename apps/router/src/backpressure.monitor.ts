import { Inject, Injectable, Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { TASKLOOM_CONFIG, type TaskloomConfig } from '@taskloom/config';
import { QueueRegistry } from '@taskloom/queue';

const SAMPLE_EVERY_MS = 200;

/**
 * Tracks the depth (waiting + active) of every queue this router feeds and
 * keeps a set of saturated queues with hysteresis: a queue is saturated at
 * the high-water mark and stays so until it drains to the low-water mark,
 * so the router neither flaps nor drops anything — it just stops claiming
 * tasks for that queue, which stay 'ready' in PostgreSQL.
 */
@Injectable()
export class BackpressureMonitor implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(BackpressureMonitor.name);
  private readonly saturatedQueues = new Set<string>();
  private readonly depths = new Map<string, number>();
  private timer: NodeJS.Timeout | undefined;
  private onRelief: (() => void) | undefined;

  constructor(
    @Inject(TASKLOOM_CONFIG) private readonly config: TaskloomConfig,
    private readonly queues: QueueRegistry,
  ) {}

  onModuleInit(): void {
    this.timer = setInterval(() => void this.sample().catch((error: Error) => this.logger.warn(`sampling queue depth failed: ${error.message}`)), SAMPLE_EVERY_MS);
  }

  /** Called when a saturated queue drains, so the dispatcher can claim for it again at once. */
  whenRelieved(callback: () => void): void {
    this.onRelief = callback;
  }

  saturated(): string[] {
    return [...this.saturatedQueues];
  }

  depthOf(queue: string): number | undefined {
    return this.depths.get(queue);
  }

  /** Counts what was just enqueued until the next sample measures it. */
  noteEnqueued(queue: string, count: number): void {
    const depth = (this.depths.get(queue) ?? 0) + count;
    this.depths.set(queue, depth);
    if (depth >= this.config.router.highWater) this.saturatedQueues.add(queue);
  }

  async sample(): Promise<void> {
    let relieved = false;
    for (const name of this.queues.known()) {
      const counts = await this.queues.get(name).getJobCounts('wait', 'prioritized', 'active');
      const depth = Object.values(counts).reduce((sum, count) => sum + count, 0);
      this.depths.set(name, depth);
      if (depth >= this.config.router.highWater) {
        if (!this.saturatedQueues.has(name)) this.logger.log(`queue ${name} saturated at depth ${depth}; holding its tasks back`);
        this.saturatedQueues.add(name);
      } else if (depth <= this.config.router.lowWater && this.saturatedQueues.delete(name)) {
        this.logger.log(`queue ${name} drained to depth ${depth}; feeding it again`);
        relieved = true;
      }
    }
    if (relieved) this.onRelief?.();
  }

  onApplicationShutdown(): void {
    if (this.timer) clearInterval(this.timer);
  }
}
