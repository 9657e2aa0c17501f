import { Injectable, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { metrics, registerMetricsCollector } from '@taskloom/telemetry';
import type { Pool } from 'pg';
import { DataSource } from 'typeorm';

/** Exports the process's PostgreSQL pool usage at scrape time: a saturated pool is where latency hides. */
@Injectable()
export class PoolMetrics implements OnModuleInit, OnApplicationShutdown {
  private unregister: (() => void) | undefined;

  constructor(private readonly dataSource: DataSource) {}

  onModuleInit(): void {
    this.unregister = registerMetricsCollector(() => {
      // TypeORM's postgres driver keeps its pg Pool as `master` (typed any).
      const pool = (this.dataSource.driver as unknown as { master?: Pool }).master;
      if (!pool) return;
      metrics.dbPoolConnections.set({ state: 'total' }, pool.totalCount);
      metrics.dbPoolConnections.set({ state: 'idle' }, pool.idleCount);
      metrics.dbPoolConnections.set({ state: 'waiting' }, pool.waitingCount);
      metrics.dbPoolMax.set(pool.options.max ?? 0);
    });
  }

  onApplicationShutdown(): void {
    this.unregister?.();
  }
}
