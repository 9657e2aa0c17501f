import { Module, type DynamicModule } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { dataSourceOptions } from './data-source.options';
import { PoolMetrics } from './pool-metrics';
import { ApiKeyRepository } from './repositories/api-key.repository';
import { ExecutorRepository } from './repositories/executor.repository';
import { InterruptionRepository } from './repositories/interruption.repository';
import { SubRunRepository } from './repositories/sub-run.repository';
import { ReconciliationRepository } from './repositories/reconciliation.repository';
import { RetentionRepository } from './repositories/retention.repository';
import { RunRepository } from './repositories/run.repository';
import { RunTreeRepository } from './repositories/run-tree.repository';
import { SubRunQueueRepository } from './repositories/sub-run-queue.repository';
import { StatsRepository } from './repositories/stats.repository';
import { TableStatisticsRepository } from './repositories/table-statistics.repository';
import { TaskAttemptRepository } from './repositories/task-attempt.repository';
import { TaskTypeRepository } from './repositories/task-type.repository';
import { TaskRepository } from './repositories/task.repository';
import { WorkflowDefinitionRepository } from './repositories/workflow-definition.repository';
import { RunViewRepository } from './repositories/run-view.repository';
import { WorkflowShareRepository } from './repositories/workflow-share.repository';
import { TransactionRunner } from './transaction.runner';

export interface PersistenceOptions {
  url: string;
  poolSize: number;
  applicationName: string;
}

const PROVIDERS = [
  TransactionRunner,
  WorkflowDefinitionRepository,
  WorkflowShareRepository,
  RunRepository,
  RunTreeRepository,
  RunViewRepository,
  SubRunQueueRepository,
  TaskRepository,
  TaskAttemptRepository,
  TaskTypeRepository,
  ExecutorRepository,
  ReconciliationRepository,
  InterruptionRepository,
  SubRunRepository,
  ApiKeyRepository,
  RetentionRepository,
  StatsRepository,
  TableStatisticsRepository,
  PoolMetrics,
];

/** The only module that knows TypeORM; everything else talks to its repositories. */
@Module({})
export class PersistenceModule {
  static forRoot(options: PersistenceOptions): DynamicModule {
    return {
      module: PersistenceModule,
      global: true,
      imports: [TypeOrmModule.forRoot(dataSourceOptions(options.url, options.poolSize, options.applicationName))],
      providers: PROVIDERS,
      exports: PROVIDERS,
    };
  }
}
