import { Module, type DynamicModule } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { TaskloomConfigModule, type TaskloomConfig } from '@taskloom/config';
import { OrchestratorModule } from '@taskloom/orchestrator';
import { PersistenceModule } from '@taskloom/persistence';
import { QueueModule } from '@taskloom/queue';
import { LoggingModule } from '@taskloom/telemetry';
import { HealthController } from './health/health.controller';
import { BacklogGuard } from './runs/backlog.guard';
import { RunsController } from './runs/runs.controller';
import { RunsService } from './runs/runs.service';
import { TaskTypeCatalog } from './task-types/task-type.catalog';
import { TaskTypesController } from './task-types/task-types.controller';
import { WorkflowsController } from './workflows/workflows.controller';
import { WorkflowsService } from './workflows/workflows.service';

/** The HTTP surface: definitions, runs, task types, health. It never consumes queues. */
@Module({
  imports: [TerminusModule, OrchestratorModule],
  controllers: [WorkflowsController, RunsController, TaskTypesController, HealthController],
  providers: [WorkflowsService, RunsService, TaskTypeCatalog, BacklogGuard],
})
export class ApiFeaturesModule {}

@Module({})
export class ApiModule {
  /** The API as its own process: with its infrastructure modules. */
  static forRoot(config: TaskloomConfig): DynamicModule {
    return {
      module: ApiModule,
      imports: [
        TaskloomConfigModule.forRoot(config),
        LoggingModule.forRoot({ level: config.log.level, service: 'taskloom-api' }),
        PersistenceModule.forRoot({ url: config.database.url, poolSize: config.database.poolSize, applicationName: 'taskloom-api' }),
        QueueModule.forRoot('taskloom-api'),
        ApiFeaturesModule,
      ],
    };
  }
}
