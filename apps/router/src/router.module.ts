import { Module, type DynamicModule } from '@nestjs/common';
import type { TaskloomConfig } from '@taskloom/config';
import { OrchestratorModule } from '@taskloom/orchestrator';
import { processInfrastructure } from '@taskloom/runtime';
import { MetricsServerModule } from '@taskloom/telemetry';
import { BackpressureMonitor } from './backpressure.monitor';
import { DelayedRunPromoter } from './delayed-run.promoter';
import { RunAdmissionLoop } from './run-admission.loop';
import { DispatcherService } from './dispatcher.service';
import { QueueAgingService } from './queue-aging.service';
import { QueueTableUpkeepService } from './queue-table-upkeep.service';
import { ReconcilerService } from './reconciler.service';
import { RetentionService } from './retention.service';
import { RouterNotifications } from './router-notifications';
import { ScheduleFiringLoop } from './schedule-firing.loop';
import { SubRunLaunchLoop } from './sub-run-launch.loop';
import { TaskEnqueuer } from './task-enqueuer';
import { WaitWakeLoop } from './wait-wake.loop';

@Module({
  imports: [OrchestratorModule],
  providers: [
    RouterNotifications,
    TaskEnqueuer,
    BackpressureMonitor,
    DispatcherService,
    ReconcilerService,
    RetentionService,
    QueueTableUpkeepService,
    QueueAgingService,
    SubRunLaunchLoop,
    WaitWakeLoop,
    DelayedRunPromoter,
    RunAdmissionLoop,
    ScheduleFiringLoop,
  ],
  exports: [DispatcherService, ReconcilerService, BackpressureMonitor, RetentionService],
})
export class RouterFeaturesModule {}

@Module({})
export class RouterModule {
  static forRoot(config: TaskloomConfig): DynamicModule {
    return {
      module: RouterModule,
      imports: [...processInfrastructure(config, 'taskloom-router'), MetricsServerModule, RouterFeaturesModule],
    };
  }
}
