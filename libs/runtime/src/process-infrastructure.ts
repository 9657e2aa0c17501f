import type { DynamicModule } from '@nestjs/common';
import { TaskloomConfigModule, type TaskloomConfig } from '@taskloom/config';
import { PersistenceModule } from '@taskloom/persistence';
import { QueueModule } from '@taskloom/queue';
import { LoggingModule, ProcessMetricsModule } from '@taskloom/telemetry';

/**
 * What every Taskloom process stands on — config, logs, process metrics, one PostgreSQL pool,
 * one Redis connection — named after the process so each shows up as itself
 * in logs, pg_stat_activity and Redis CLIENT LIST.
 */
export function processInfrastructure(config: TaskloomConfig, service: string): DynamicModule[] {
  return [
    TaskloomConfigModule.forRoot(config),
    LoggingModule.forRoot({ level: config.log.level, format: config.log.format, service }),
    ProcessMetricsModule.forRoot({ eventLoopResolutionMs: config.metrics.eventLoopResolutionMs }),
    PersistenceModule.forRoot({
      url: config.database.url,
      poolSize: config.database.poolSize,
      applicationName: service,
    }),
    QueueModule.forRoot(service),
  ];
}
