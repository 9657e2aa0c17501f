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
import { ConcurrencyKeys1765030000000 } from './1765030000000-concurrency-keys';
import { TenantFairShare1765030000001 } from './1765030000001-tenant-fair-share';

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
  ConcurrencyKeys1765030000000,
  TenantFairShare1765030000001,
];
