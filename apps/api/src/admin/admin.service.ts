import { Inject, Injectable } from '@nestjs/common';
import { TASKLOOM_CONFIG, type TaskloomConfig } from '@taskloom/config';
import { RUN_STATUSES, TASK_STATUSES } from '@taskloom/engine';
import { ExecutorRepository, StatsRepository, type ExecutorRow } from '@taskloom/persistence';
import { type ExecutorView, type QueueCounts, type QueueView } from './admin.schemas';
import { QueueAdminService } from './queue-admin.service';

/** Reads for operators: counts from PostgreSQL, queue counts from Redis, executors from their heartbeats. */
@Injectable()
export class AdminService {
  constructor(
    @Inject(TASKLOOM_CONFIG) private readonly config: TaskloomConfig,
    private readonly stats: StatsRepository,
    private readonly executorsRepository: ExecutorRepository,
    private readonly queues: QueueAdminService,
  ) {}

  async overview() {
    const [runs, tasks, queues, executors] = await Promise.all([
      this.stats.runsByStatus(),
      this.stats.tasksByStatus(),
      this.queues.list(),
      this.executors(),
    ]);
    const sum = (pick: (executor: ExecutorView) => number) =>
      executors.reduce((total, executor) => total + pick(executor), 0);
    return {
      runs: withZeros(RUN_STATUSES, runs),
      tasks: withZeros(TASK_STATUSES, tasks),
      partitions: byPartition(queues),
      queues,
      executors: {
        live: executors.length,
        capacity: {
          cpu: sum((e) => e.capacity.cpu),
          memoryMb: sum((e) => e.capacity.memoryMb),
          concurrency: sum((e) => e.capacity.concurrency),
        },
        load: { cpu: sum((e) => e.load.cpu), memoryMb: sum((e) => e.load.memoryMb), active: sum((e) => e.load.active) },
      },
      generatedAt: new Date().toISOString(),
    };
  }

  /** Live: heartbeated within EXECUTOR_LOST_AFTER_MS and not stopped — the same rule the reconciler applies. */
  async executors(): Promise<ExecutorView[]> {
    const live = await this.executorsRepository.listLive(this.config.router.executorLostAfterMs);
    return live.map(presentExecutor);
  }
}

function withZeros<S extends string>(statuses: readonly S[], counts: Record<string, number>): Record<S, number> {
  return Object.fromEntries(statuses.map((status) => [status, counts[status] ?? 0])) as Record<S, number>;
}

function byPartition(queues: readonly QueueView[]) {
  const partitions = new Map<number, QueueCounts & { partition: number; queues: number; pausedQueues: number }>();
  for (const queue of queues) {
    const entry = partitions.get(queue.partition) ?? {
      partition: queue.partition,
      queues: 0,
      pausedQueues: 0,
      waiting: 0,
      active: 0,
      delayed: 0,
      failed: 0,
      paused: 0,
    };
    entry.queues += 1;
    if (queue.paused) entry.pausedQueues += 1;
    for (const state of ['waiting', 'active', 'delayed', 'failed', 'paused'] as const)
      entry[state] += queue.counts[state];
    partitions.set(queue.partition, entry);
  }
  return [...partitions.values()].sort((a, b) => a.partition - b.partition);
}

function presentExecutor(executor: ExecutorRow): ExecutorView {
  const { capacity, load } = executor;
  // Heartbeat loads are sums of fractional cpu, which can land a hair below zero when idle.
  const ratio = (used: number, total: number) => (total > 0 ? Math.max(0, used) / total : 0);
  return {
    id: executor.id,
    hostname: executor.hostname,
    pid: executor.pid,
    taskTypes: executor.taskTypes,
    queues: executor.queues.length,
    capacity,
    load: { cpu: Math.max(0, load.cpu ?? 0), memoryMb: load.memoryMb ?? 0, active: load.active ?? 0 },
    utilisation: {
      cpu: ratio(load.cpu ?? 0, capacity.cpu),
      memory: ratio(load.memoryMb ?? 0, capacity.memoryMb),
      slots: ratio(load.active ?? 0, capacity.concurrency),
    },
    startedAt: executor.startedAt.toISOString(),
    heartbeatAt: executor.heartbeatAt.toISOString(),
  };
}
