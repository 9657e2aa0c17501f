import { Inject, Injectable, Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { TASKLOOM_CONFIG, type TaskloomConfig } from '@taskloom/config';
import { QueueRegistry } from '@taskloom/queue';
import { metrics, registerMetricsCollector } from '@taskloom/telemetry';
import { PacedProbe } from './paced-probe';

const SAMPLE_EVERY_MS = 200;
/**
 * Every queue, empty ones and pause flags included, is measured this often;
 * in between, only queues that hold jobs or were just fed, and not at all
 * while none does. An idle router then costs Redis two commands per queue
 * per period instead of ten a second (ADR 0024), and its event loop one
 * wake-up (ADR 0034). Another router's feeding, a pause or a resume is seen
 * within it.
 */
const IDLE_SAMPLE_EVERY_MS = 2_000;
/**
 * A saturated queue is measured this often until it drains: executors empty
 * a high-water mark in well under a sampling period, and a queue found empty
 * only at the next sample has left them idle in between.
 */
const SATURATED_SAMPLE_EVERY_MS = 20;

/**
 * Tracks the depth (waiting + active) of every queue this router feeds and
 * keeps a set of saturated queues with hysteresis: a queue is saturated at
 * the high-water mark and stays so until it drains to the low-water mark,
 * so the router neither flaps nor drops anything — it just stops claiming
 * tasks for that queue, which stay 'ready' in PostgreSQL. A queue an
 * operator paused (POST /admin/queues/{name}/pause) is held back the same
 * way until it is resumed, so a paused queue does not fill up Redis.
 */
@Injectable()
export class BackpressureMonitor implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(BackpressureMonitor.name);
  private readonly saturatedQueues = new Set<string>();
  private readonly pausedQueues = new Set<string>();
  private readonly depths = new Map<string, number>();
  private lastFullSample = 0;
  private stopped = false;
  private readonly sampling = new PacedProbe(
    'sampling queue depth',
    async () => {
      await this.sample();
      return this.nextSampleInMs();
    },
    this.logger,
  );
  private saturatedTimer: NodeJS.Timeout | undefined;
  private onRelief: (() => void) | undefined;
  private unregisterMetrics: (() => void) | undefined;

  constructor(
    @Inject(TASKLOOM_CONFIG) private readonly config: TaskloomConfig,
    private readonly queues: QueueRegistry,
  ) {}

  onModuleInit(): void {
    this.unregisterMetrics = registerMetricsCollector(() => this.exportState());
    this.sampling.start({ afterFailureMs: SAMPLE_EVERY_MS });
  }

  /** Soon while some queue holds jobs; otherwise at the next full sample. */
  private nextSampleInMs(now = Date.now()): number {
    for (const depth of this.depths.values()) if (depth > 0) return SAMPLE_EVERY_MS;
    return Math.max(0, this.lastFullSample + IDLE_SAMPLE_EVERY_MS - now);
  }

  /**
   * Marks a queue saturated and measures the saturated ones quickly until
   * none is left; the fast timer runs only then, so an idle router does not
   * wake fifty times a second for nothing.
   */
  private saturate(name: string): void {
    this.saturatedQueues.add(name);
    if (this.saturatedTimer || this.stopped) return;
    this.saturatedTimer = setInterval(() => {
      if (this.saturatedQueues.size === 0) {
        clearInterval(this.saturatedTimer);
        this.saturatedTimer = undefined;
        return;
      }
      void this.resample([...this.saturatedQueues]).catch((error: Error) =>
        this.logger.warn(`sampling queue depth failed: ${error.message}`),
      );
    }, SATURATED_SAMPLE_EVERY_MS);
  }

  /** Called when a saturated queue drains, so the dispatcher can claim for it again at once. */
  whenRelieved(callback: () => void): void {
    this.onRelief = callback;
  }

  /** Queues not to feed now: past their high-water mark, or paused. */
  saturated(): string[] {
    return this.pausedQueues.size === 0
      ? [...this.saturatedQueues]
      : [...new Set([...this.saturatedQueues, ...this.pausedQueues])];
  }

  depthOf(queue: string): number | undefined {
    return this.depths.get(queue);
  }

  /** Counts what was just enqueued until the next sample measures it. */
  noteEnqueued(queue: string, count: number): void {
    const depth = (this.depths.get(queue) ?? 0) + count;
    this.depths.set(queue, depth);
    this.sampling.soon(SAMPLE_EVERY_MS);
    if (depth >= this.config.router.highWater) this.saturate(queue);
  }

  async sample(now = Date.now()): Promise<void> {
    const full = now - this.lastFullSample >= IDLE_SAMPLE_EVERY_MS;
    if (full) this.lastFullSample = now;
    let relieved = false;
    for (const name of this.queues.known()) {
      if (!full && !this.depths.get(name)) continue;
      const queue = this.queues.get(name);
      const [depth, paused] = await Promise.all([
        this.measure(name),
        full ? queue.isPaused() : Promise.resolve(this.pausedQueues.has(name)),
      ]);
      if (paused && !this.pausedQueues.has(name)) {
        this.pausedQueues.add(name);
        this.logger.log(`queue ${name} is paused; holding its tasks back`);
      } else if (!paused && this.pausedQueues.delete(name)) {
        this.logger.log(`queue ${name} resumed; feeding it again`);
        relieved = true;
      }
      if (this.classify(name, depth)) relieved = true;
    }
    if (relieved) this.onRelief?.();
  }

  /** Measures only the given queues' depths, for a quick relief of saturated ones. */
  private async resample(names: readonly string[]): Promise<void> {
    let relieved = false;
    for (const name of names) {
      if (this.classify(name, await this.measure(name))) relieved = true;
    }
    if (relieved) this.onRelief?.();
  }

  private async measure(name: string): Promise<number> {
    const counts = await this.queues.get(name).getJobCounts('wait', 'prioritized', 'active');
    const depth = Object.values(counts).reduce((sum, count) => sum + count, 0);
    this.depths.set(name, depth);
    return depth;
  }

  /** Applies the high- and low-water marks to a measured depth; true when the queue was just relieved. */
  private classify(name: string, depth: number): boolean {
    if (depth >= this.config.router.highWater) {
      // Debug, not info: under steady load a queue fills and drains several times a second; the gauge
      // taskloom_router_queue_saturated is how an operator follows it.
      if (!this.saturatedQueues.has(name))
        this.logger.debug(`queue ${name} saturated at depth ${depth}; holding its tasks back`);
      this.saturate(name);
      return false;
    }
    if (depth <= this.config.router.lowWater && this.saturatedQueues.delete(name)) {
      this.logger.debug(`queue ${name} drained to depth ${depth}; feeding it again`);
      return true;
    }
    return false;
  }

  /** At scrape time, from the samples already taken: the sampling loop itself pays nothing for metrics. */
  private exportState(): void {
    for (const [queue, depth] of this.depths) {
      metrics.routerQueueDepth.set({ queue }, depth);
      metrics.routerQueueSaturated.set({ queue }, this.saturatedQueues.has(queue) ? 1 : 0);
      metrics.routerQueuePaused.set({ queue }, this.pausedQueues.has(queue) ? 1 : 0);
    }
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    if (this.saturatedTimer) clearInterval(this.saturatedTimer);
    this.unregisterMetrics?.();
    await this.sampling.stop();
  }
}
