import { Inject, Injectable, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { TASKLOOM_CONFIG, type TaskloomConfig } from '@taskloom/config';
import { ACTIVE_RUN_STATUSES } from '@taskloom/engine';
import { ExecutorRepository, FlowControlRepository, StatsRepository, TaskWaitRepository } from '@taskloom/persistence';
import { metrics, registerMetricsCollector } from '@taskloom/telemetry';
import { QueueAdminService } from '../admin/queue-admin.service';
import { SingleFlightRefresh } from './single-flight-refresh';

/** A run is stalled when nothing touched it for this long and none of its tasks can move. */
const STALLED_AFTER_MS = 5 * 60_000;
const QUEUE_STATES = ['waiting', 'active', 'delayed', 'failed', 'paused'] as const;

/**
 * The cluster as a whole, read when Prometheus scrapes the API: queue
 * counts from Redis, waiting tasks, active and stalled runs, live
 * executors, concurrency-key and rate-limit totals from PostgreSQL. Any API replica answers the same; alert on
 * max() across them. /metrics needs no key, so the queries run at most once
 * per METRICS_CLUSTER_INTERVAL_MS however many scrapers there are; a scrape
 * in between reports the gauges as last computed.
 */
@Injectable()
export class ClusterMetricsCollector implements OnModuleInit, OnApplicationShutdown {
  private unregister: (() => void) | undefined;
  private readonly refresh: SingleFlightRefresh;

  constructor(
    @Inject(TASKLOOM_CONFIG) private readonly config: TaskloomConfig,
    private readonly queues: QueueAdminService,
    private readonly stats: StatsRepository,
    private readonly executors: ExecutorRepository,
    private readonly waits: TaskWaitRepository,
    private readonly flow: FlowControlRepository,
  ) {
    this.refresh = new SingleFlightRefresh(() => this.collect(), config.metrics.clusterIntervalMs);
  }

  onModuleInit(): void {
    this.unregister = registerMetricsCollector(() => this.refresh.run());
  }

  private async collect(): Promise<void> {
    const [queues, waiting, active, stalled, live, inWait, keys, rateLimited, runKeys] = await Promise.all([
      this.queues.list(),
      this.stats.waitingTasks(),
      this.stats.activeRunsByStatus(),
      this.stats.stalledRuns(STALLED_AFTER_MS),
      this.executors.listLive(this.config.router.executorLostAfterMs),
      this.waits.countWaiting(),
      this.flow.keyTotals(),
      this.flow.rateLimitedTasks(),
      this.flow.runKeyTotals(),
    ]);
    // Reset first: a queue whose pool is gone must not keep reporting its last counts.
    metrics.queueJobs.reset();
    for (const queue of queues) {
      for (const state of QUEUE_STATES) {
        metrics.queueJobs.set(
          { queue: queue.name, partition: String(queue.partition), pool: queue.pool, state },
          queue.counts[state],
        );
      }
    }
    metrics.tasksWaiting.set({ status: 'ready' }, waiting.ready);
    metrics.tasksWaiting.set({ status: 'queued' }, waiting.queued);
    for (const status of ACTIVE_RUN_STATUSES) metrics.runsActive.set({ status }, active[status] ?? 0);
    metrics.tasksInWait.set({ kind: 'sleep' }, inWait.sleep);
    metrics.tasksInWait.set({ kind: 'signal' }, inWait.signal);
    metrics.runsStalled.set(stalled);
    metrics.executorsLive.set(live.length);
    metrics.concurrencySlotsHeld.set({ scope: 'task' }, keys.held);
    metrics.concurrencyKeysActive.set({ scope: 'task' }, keys.keys);
    metrics.concurrencyTasksThrottled.set({ scope: 'task' }, keys.throttled);
    metrics.rateLimitedTasks.set(rateLimited);
    metrics.concurrencySlotsHeld.set({ scope: 'run' }, runKeys.held);
    metrics.concurrencyKeysActive.set({ scope: 'run' }, runKeys.keys);
    metrics.concurrencyTasksThrottled.set({ scope: 'run' }, runKeys.throttled);
    metrics.clusterMetricsRefreshes.inc();
  }

  onApplicationShutdown(): void {
    this.unregister?.();
  }
}
