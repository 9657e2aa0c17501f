import { Module, type DynamicModule } from '@nestjs/common';
import type { TaskloomConfig } from '@taskloom/config';
import { OrchestratorModule } from '@taskloom/orchestrator';
import { processInfrastructure } from '@taskloom/runtime';
import { MetricsServerModule } from '@taskloom/telemetry';
import { AttemptReporter } from './attempt-reporter.service';
import { ExecutorIdentity } from './executor-identity';
import { ExecutorLifecycle } from './executor-lifecycle.service';
import { ExecutorMetrics } from './executor-metrics';
import { PluginHostService } from './plugin-host.service';
import { RegistrationService } from './registration.service';
import { TaskWorkerService } from './task-worker.service';

@Module({
  imports: [OrchestratorModule],
  providers: [
    ExecutorIdentity,
    PluginHostService,
    AttemptReporter,
    TaskWorkerService,
    RegistrationService,
    ExecutorLifecycle,
    ExecutorMetrics,
  ],
  exports: [ExecutorIdentity, PluginHostService, TaskWorkerService],
})
export class ExecutorFeaturesModule {}

@Module({})
export class ExecutorModule {
  static forRoot(config: TaskloomConfig): DynamicModule {
    return {
      module: ExecutorModule,
      imports: [...processInfrastructure(config, 'taskloom-executor'), MetricsServerModule, ExecutorFeaturesModule],
    };
  }
}
