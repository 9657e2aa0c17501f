export { PersistenceModule, type PersistenceOptions } from './persistence.module';
export { DatabasePool, type PoolUsage } from './database-pool';
export { dataSourceOptions } from './data-source.options';
export { runMigrations } from './migrator';
export { MIGRATIONS } from './migrations';
export { ensureDatabase, prepareDatabase, quoteIdentifier } from './database-bootstrap';
export { TransactionRunner, type OpeningRead, type TripStatement, type UnitOptions } from './transaction.runner';
export {
  DELAYED_RUN_CHANNEL,
  NotificationListener,
  notifyReady,
  READY_CHANNEL,
  SCHEDULE_CHANNEL,
  SUB_RUN_CHANNEL,
  WAIT_CHANNEL,
} from './ready-signal';
export type { Db } from './sql';
export { isDataError } from './data-error';
export * from './entities';
export {
  WorkflowDefinitionRepository,
  type ResolvedWorkflow,
  type WorkflowDefinitionRow,
  type WorkflowRef,
  type WorkflowSummary,
} from './repositories/workflow-definition.repository';
export { WorkflowShareRepository, type WorkflowShareRow } from './repositories/workflow-share.repository';
export type { Page, TimeKey } from './repositories/keyset';
export { type NewRunRow, type NewTaskRow, type TaskKind } from './repositories/new-rows';
export {
  RunRepository,
  type CountedRun,
  type CreatedRuns,
  type IdempotencyRef,
  type RunContext,
  type RunOutcome,
  type RunRow,
  type RunListRow,
  type RunSearch,
} from './repositories/run.repository';
export {
  RUN_ADMISSION_CHANNEL,
  RunAdmissionRepository,
  type RunKeyRows,
  type RunKeyUse,
} from './repositories/run-admission.repository';
export { RunTreeRepository, type TreeCharge } from './repositories/run-tree.repository';
export { RunViewRepository, type AttemptBarRow, type ChildRunRow } from './repositories/run-view.repository';
export { SubRunQueueRepository, type PendingSubRun } from './repositories/sub-run-queue.repository';
export {
  CLAIM_PLANNER,
  READY_KINDS,
  TaskDispatchRepository,
  type ReadyKinds,
} from './repositories/task-dispatch.repository';
export type { RateLimitedClaim } from './repositories/rate-limited-claim';
export { TaskReadinessRepository, type ReadyEntry } from './repositories/task-readiness.repository';
export { TaskGroupRepository } from './repositories/task-group.repository';
export { FlowControlRepository, type RateWindow, type TenantTurn } from './repositories/flow-control.repository';
export { TenantWeightRepository } from './repositories/tenant-weight.repository';
export { TaskControlRepository } from './repositories/task-control.repository';
export {
  TaskWaitRepository,
  type DueWait,
  type UnstartedTask,
  type WaitStart,
} from './repositories/task-wait.repository';
export {
  SignalRepository,
  type NewSignal,
  type RecordedSignal,
  type SignalDelivery,
} from './repositories/signal.repository';
export type { Settlement, SkipReason } from './repositories/settle-tasks';
export type {
  AttemptOutcomeRow,
  ClaimedTask,
  DependentCounters,
  SettledTask,
  TaskRow,
  TopLevelTask,
} from './repositories/task.rows';
export { TaskAttemptRepository, type TaskAttemptRow } from './repositories/task-attempt.repository';
export { TaskTypeRepository, type TaskTypeRecord, type TaskTypeRow } from './repositories/task-type.repository';
export {
  ExecutorRepository,
  type ExecutorLoad,
  type ExecutorRegistration,
  type ExecutorRow,
} from './repositories/executor.repository';
export { ReconciliationRepository, type RunningAttempt } from './repositories/reconciliation.repository';
export {
  InterruptionRepository,
  type Interruption,
  type InterruptionReason,
  type InterruptionResult,
  type NextAttempt,
} from './repositories/interruption.repository';
export { SubRunRepository } from './repositories/sub-run.repository';
export { EventRepository, type EventListener, type EventRecord, type EventRun } from './repositories/event.repository';
export {
  ScheduleRepository,
  type ScheduleAdvance,
  type ScheduleFields,
  type ScheduleRow,
  type ScheduleRunRow,
} from './repositories/schedule.repository';
export {
  ApiKeyRepository,
  type ApiKeyListRow,
  type ApiKeyRow,
  type NewApiKey,
} from './repositories/api-key.repository';
export { RetentionRepository } from './repositories/retention.repository';
export { StatsRepository } from './repositories/stats.repository';
export { TableStatisticsRepository, type QueueTable } from './repositories/table-statistics.repository';
export { newRowId } from './row-id';
