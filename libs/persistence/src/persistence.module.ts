import { Module, type DynamicModule } from '@nestjs/common';
import { DatabasePool, type PersistenceOptions } from './database-pool';
import { PoolMetrics } from './pool-metrics';
import { ApiKeyRepository } from './repositories/api-key.repository';
import { ExecutorRepository } from './repositories/executor.repository';
import { FlowControlRepository } from './repositories/flow-control.repository';
import { TenantWeightRepository } from './repositories/tenant-weight.repository';
import { InterruptionRepository } from './repositories/interruption.repository';
import { SubRunRepository } from './repositories/sub-run.repository';
import { ScheduleRepository } from './repositories/schedule.repository';
import { EventRepository } from './repositories/event.repository';
import { ReconciliationRepository } from './repositories/reconciliation.repository';
import { RetentionRepository } from './repositories/retention.repository';
import { RunRepository } from './repositories/run.repository';
import { RunAdmissionRepository } from './repositories/run-admission.repository';
import { RunTreeRepository } from './repositories/run-tree.repository';
import { SubRunQueueRepository } from './repositories/sub-run-queue.repository';
import { StatsRepository } from './repositories/stats.repository';
import { TableStatisticsRepository } from './repositories/table-statistics.repository';
import { TaskAttemptRepository } from './repositories/task-attempt.repository';
import { TaskTypeRepository } from './repositories/task-type.repository';
import { TaskControlRepository } from './repositories/task-control.repository';
import { TaskDispatchRepository } from './repositories/task-dispatch.repository';
import { TaskGroupRepository } from './repositories/task-group.repository';
import { TaskReadinessRepository } from './repositories/task-readiness.repository';
import { TaskWaitRepository } from './repositories/task-wait.repository';
import { SignalRepository } from './repositories/signal.repository';
import { WorkflowDefinitionRepository } from './repositories/workflow-definition.repository';
import { RunViewRepository } from './repositories/run-view.repository';
import { WorkflowShareRepository } from './repositories/workflow-share.repository';
import { TransactionRunner } from './transaction.runner';

export type { PersistenceOptions } from './database-pool';

/**
 * Owns the pool in a module of its own, imported by PersistenceModule: Nest
 * shuts deeper modules down last, so the pool closes after every module
 * that still writes while it stops.
 */
@Module({})
class DatabasePoolModule {
  static forRoot(options: PersistenceOptions): DynamicModule {
    const pool = { provide: DatabasePool, useFactory: () => new DatabasePool(options) };
    return { module: DatabasePoolModule, providers: [pool], exports: [DatabasePool] };
  }
}

const PROVIDERS = [
  TransactionRunner,
  WorkflowDefinitionRepository,
  WorkflowShareRepository,
  RunRepository,
  RunAdmissionRepository,
  RunTreeRepository,
  RunViewRepository,
  SubRunQueueRepository,
  TaskDispatchRepository,
  TaskReadinessRepository,
  TaskGroupRepository,
  TaskControlRepository,
  TaskWaitRepository,
  SignalRepository,
  TaskAttemptRepository,
  TaskTypeRepository,
  ExecutorRepository,
  ReconciliationRepository,
  InterruptionRepository,
  SubRunRepository,
  ScheduleRepository,
  EventRepository,
  ApiKeyRepository,
  RetentionRepository,
  StatsRepository,
  FlowControlRepository,
  TenantWeightRepository,
  TableStatisticsRepository,
  PoolMetrics,
];

/** The only module that talks to PostgreSQL; everything else talks to its repositories. */
@Module({})
export class PersistenceModule {
  static forRoot(options: PersistenceOptions): DynamicModule {
    return {
      module: PersistenceModule,
      global: true,
      imports: [DatabasePoolModule.forRoot(options)],
      providers: PROVIDERS,
      exports: [...PROVIDERS, DatabasePoolModule],
    };
  }
}
