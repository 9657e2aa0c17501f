import { Injectable, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { metrics, registerMetricsCollector } from '@taskloom/telemetry';
import { DatabasePool } from './database-pool';

/** Exports the process's PostgreSQL pool usage at scrape time: a saturated pool is where latency hides. */
@Injectable()
export class PoolMetrics implements OnModuleInit, OnApplicationShutdown {
  private unregister: (() => void) | undefined;

  constructor(private readonly database: DatabasePool) {}

  onModuleInit(): void {
    this.unregister = registerMetricsCollector(() => {
      const usage = this.database.usage();
      metrics.dbPoolConnections.set({ state: 'total' }, usage.total);
      metrics.dbPoolConnections.set({ state: 'idle' }, usage.idle);
      metrics.dbPoolConnections.set({ state: 'waiting' }, usage.waiting);
      metrics.dbPoolMax.set(usage.max);
    });
  }

  onApplicationShutdown(): void {
    this.unregister?.();
  }
}
