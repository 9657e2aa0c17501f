import { Module, type DynamicModule } from '@nestjs/common';
import { TaskloomConfigModule, type TaskloomConfig } from '@taskloom/config';
import { OrchestratorModule } from '@taskloom/orchestrator';
import { PersistenceModule } from '@taskloom/persistence';
import { QueueModule } from '@taskloom/queue';
import { LoggingModule, MetricsServerModule } from '@taskloom/telemetry';
import { BackpressureMonitor } from './backpressure.monitor';
import { DispatcherService } from './dispatcher.service';
import { ReconcilerService } from './reconciler.service';
import { RetentionService } from './retention.service';
import { TaskEnqueuer } from './task-enqueuer';

@Module({
  imports: [OrchestratorModule],
  providers: [TaskEnqueuer, BackpressureMonitor, DispatcherService, ReconcilerService, RetentionService],
  exports: [DispatcherService, ReconcilerService, BackpressureMonitor, RetentionService],
})
export class RouterFeaturesModule {}

@Module({})
export class RouterModule {
  static forRoot(config: TaskloomConfig): DynamicModule {
    return {
      module: RouterModule,
      imports: [
        TaskloomConfigModule.forRoot(config),
        LoggingModule.forRoot({ level: config.log.level, service: 'taskloom-router' }),
        PersistenceModule.forRoot({ url: config.database.url, poolSize: config.database.poolSize, applicationName: 'taskloom-router' }),
        QueueModule.forRoot('taskloom-router'),
        MetricsServerModule,
        RouterFeaturesModule,
      ],
    };
  }
}
