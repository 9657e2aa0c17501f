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
      // The gate adds and subtracts fractional cpu, so an idle executor can read as -3e-18.
      const ratio = (used: number, total: number) => Math.max(0, used) / total;
      metrics.executorActiveTasks.set(load.active);
      metrics.executorUtilisation.set({ resource: 'cpu' }, ratio(load.cpu, cpu));
      metrics.executorUtilisation.set({ resource: 'memory' }, ratio(load.memoryMb, memoryMb));
      metrics.executorUtilisation.set({ resource: 'slots' }, ratio(load.active, concurrency));
    });
  }

  onApplicationShutdown(): void {
    this.unregister?.();
  }
}
