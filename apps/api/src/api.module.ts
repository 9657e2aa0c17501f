import { Module, type DynamicModule } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import type { TaskloomConfig } from '@taskloom/config';
import { OrchestratorModule } from '@taskloom/orchestrator';
import { processInfrastructure } from '@taskloom/runtime';
import { AdminModule } from './admin/admin.module';
import { AuthModule } from './auth/auth.module';
import { HealthController } from './health/health.controller';
import { ApiMetricsModule } from './metrics/api-metrics.module';
import { QueueDashboardModule } from './queue-dashboard/queue-dashboard.module';
import { BacklogGuard } from './runs/backlog.guard';
import { RunViewsController } from './runs/run-views.controller';
import { RunViewsService } from './runs/run-views.service';
import { RunsController } from './runs/runs.controller';
import { RunBatchService } from './runs/run-batch.service';
import { SignalsController } from './signals/signals.controller';
import { RunsService } from './runs/runs.service';
import { WaitFactsService } from './runs/wait-facts.service';
import { TaskTypeCatalog } from './task-types/task-type.catalog';
import { SchemasController } from './schemas/schemas.controller';
import { SchedulesController } from './schedules/schedules.controller';
import { EventsController } from './events/events.controller';
import { SchedulesService } from './schedules/schedules.service';
import { TaskTypesController } from './task-types/task-types.controller';
import { WorkflowSharesController } from './workflows/workflow-shares.controller';
import { WorkflowSharesService } from './workflows/workflow-shares.service';
import { WorkflowsController } from './workflows/workflows.controller';
import { WorkflowsService } from './workflows/workflows.service';

/** The HTTP surface: definitions, runs, task types, health, API keys, queue dashboard. It never consumes queues. */
@Module({
  imports: [TerminusModule, OrchestratorModule, AuthModule, QueueDashboardModule, AdminModule, ApiMetricsModule],
  controllers: [
    WorkflowsController,
    WorkflowSharesController,
    RunsController,
    RunViewsController,
    SignalsController,
    SchedulesController,
    EventsController,
    TaskTypesController,
    SchemasController,
    HealthController,
  ],
  providers: [
    WorkflowsService,
    WorkflowSharesService,
    RunsService,
    RunBatchService,
    RunViewsService,
    TaskTypeCatalog,
    BacklogGuard,
    SchedulesService,
    WaitFactsService,
  ],
})
export class ApiFeaturesModule {}

@Module({})
export class ApiModule {
  /** The API as its own process: with its infrastructure modules. */
  static forRoot(config: TaskloomConfig): DynamicModule {
    return {
      module: ApiModule,
      imports: [...processInfrastructure(config, 'taskloom-api'), ApiFeaturesModule],
    };
  }
}
