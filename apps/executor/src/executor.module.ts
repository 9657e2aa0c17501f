import { Module, type DynamicModule } from '@nestjs/common';
import { TaskloomConfigModule, type TaskloomConfig } from '@taskloom/config';
import { OrchestratorModule } from '@taskloom/orchestrator';
import { PersistenceModule } from '@taskloom/persistence';
import { QueueModule } from '@taskloom/queue';
import { LoggingModule, MetricsServerModule } from '@taskloom/telemetry';
import { AttemptReporter } from './attempt-reporter.service';
import { ExecutorIdentity } from './executor-identity';
import { ExecutorLifecycle } from './executor-lifecycle.service';
import { ExecutorMetrics } from './executor-metrics';
import { PluginHostService } from './plugin-host.service';
import { RegistrationService } from './registration.service';
import { TaskWorkerService } from './task-worker.service';

@Module({
  imports: [OrchestratorModule],
  providers: [ExecutorIdentity, PluginHostService, AttemptReporter, TaskWorkerService, RegistrationService, ExecutorLifecycle, ExecutorMetrics],
  exports: [ExecutorIdentity, PluginHostService, TaskWorkerService],
})
export class ExecutorFeaturesModule {}

@Module({})
export class ExecutorModule {
  static forRoot(config: TaskloomConfig): DynamicModule {
    return {
      module: ExecutorModule,
      imports: [
        TaskloomConfigModule.forRoot(config),
        LoggingModule.forRoot({ level: config.log.level, service: 'taskloom-executor' }),
        PersistenceModule.forRoot({ url: config.database.url, poolSize: config.database.poolSize, applicationName: 'taskloom-executor' }),
        QueueModule.forRoot('taskloom-executor'),
        MetricsServerModule,
        ExecutorFeaturesModule,
      ],
    };
  }
}
