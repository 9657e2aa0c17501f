import { Inject, Injectable, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { TASKLOOM_CONFIG, type TaskloomConfig } from '@taskloom/config';
import { metrics, registerMetricsCollector } from '@taskloom/telemetry';
import { TaskWorkerService } from './task-worker.service';

/** Executor load at scrape time, read from the resource gate: running tasks pay nothing for it. */
@Injectable()
export class ExecutorMetrics implements OnModuleInit, OnApplicationShutdown {
  private unregister: (() => void) | undefined;

  constructor(
    @Inject(TASKLOOM_CONFIG) private readonly config: TaskloomConfig,
    private readonly workers: TaskWorkerService,
  ) {}

  onModuleInit(): void {
    const { cpu, memoryMb, concurrency } = this.config.executor;
    this.unregister = registerMetricsCollector(() => {
      const load = this.workers.gate.load();
      metrics.executorActiveTasks.set(load.active);
      metrics.executorUtilisation.set({ resource: 'cpu' }, load.cpu / cpu);
      metrics.executorUtilisation.set({ resource: 'memory' }, load.memoryMb / memoryMb);
      metrics.executorUtilisation.set({ resource: 'slots' }, load.active / concurrency);
    });
  }

  onApplicationShutdown(): void {
    this.unregister?.();
  }
}
