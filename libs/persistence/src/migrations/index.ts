import { InitialSchema1763800000000 } from './1763800000000-initial-schema';
import { ApiKeys1763900000000 } from './1763900000000-api-keys';
import { Operations1764000000000 } from './1764000000000-operations';
import { QueueTableVacuum1764100000000 } from './1764100000000-queue-table-vacuum';
import { TenantRunIndexes1764200000000 } from './1764200000000-tenant-run-indexes';
import { ActiveRunsIndex1764300000000 } from './1764300000000-active-runs-index';
import { RunFailureCounter1764400000000 } from './1764400000000-run-failure-counter';
import { TaskKeyIndex1764500000000 } from './1764500000000-task-key-index';
import { PreciseAttemptDurations1764600000000 } from './1764600000000-precise-attempt-durations';
import { TaskInterruptions1764720000000 } from './1764720000000-task-interruptions';
import { WorkflowTenants1764730000000 } from './1764730000000-workflow-tenants';
import { RunTreeBudget1764750000000 } from './1764750000000-run-tree-budget';
import { DelayedRunsAndSchedules1765010000000 } from './1765010000000-delayed-runs-and-schedules';
import { Events1765010000001 } from './1765010000001-events';
import { Waits1765020000000 } from './1765020000000-waits';
import { ConcurrencyKeys1765030000000 } from './1765030000000-concurrency-keys';
import { TenantFairShare1765030000001 } from './1765030000001-tenant-fair-share';
import { PoolQueues1765040000000 } from './1765040000000-pool-queues';
import { RateLimits1765050000000 } from './1765050000000-rate-limits';
import { RunConcurrency1765060000000 } from './1765060000000-run-concurrency';
import { DueTimeNotifications1765070000000 } from './1765070000000-due-time-notifications';
import { AttemptTableVacuum1765080000000 } from './1765080000000-attempt-table-vacuum';
import { WorkflowCatalogGeneration1765090000000 } from './1765090000000-workflow-catalog-generation';

/** In order; TypeORM records each one it has run in its `migrations` table. */
export const MIGRATIONS = [
  InitialSchema1763800000000,
  ApiKeys1763900000000,
  Operations1764000000000,
  QueueTableVacuum1764100000000,
  TenantRunIndexes1764200000000,
  ActiveRunsIndex1764300000000,
  RunFailureCounter1764400000000,
  TaskKeyIndex1764500000000,
  PreciseAttemptDurations1764600000000,
  TaskInterruptions1764720000000,
  WorkflowTenants1764730000000,
  RunTreeBudget1764750000000,
  DelayedRunsAndSchedules1765010000000,
  Events1765010000001,
  Waits1765020000000,
  ConcurrencyKeys1765030000000,
  TenantFairShare1765030000001,
  PoolQueues1765040000000,
  RateLimits1765050000000,
  RunConcurrency1765060000000,
  DueTimeNotifications1765070000000,
  AttemptTableVacuum1765080000000,
  WorkflowCatalogGeneration1765090000000,
];
