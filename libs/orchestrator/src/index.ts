export { OrchestratorModule } from './orchestrator.module';
export { PlanCache, type CompiledWorkflow } from './plan-cache.service';
export { JsonSchemaValidator } from './json-schema.validator';
export { AttemptService, type AttemptOutcome, type AttemptStart } from './attempt.service';
export { RunStarterService, type StartRunCommand, type StartedRun } from './run-starter.service';
export { workflowIdOf } from './workflow-resolution';
export { CascadeService } from './cascade.service';
export { ExpressionEvaluator } from './expressions/expression-evaluator.service';
export { ExpressionPool, ExpressionPoolClosed, type ExpressionPoolOptions } from './expressions/expression-pool';
export { ExpressionFailed, ExpressionLimitExceeded } from './expressions/expression-limit.error';
export { InterruptionService, countInterruptions } from './interruption.service';
export { RunTreeBudget } from './run-tree-budget.service';
export { SubRunLaunchService } from './sub-run-launch.service';
export { WriteBatcher } from './write-batcher';
export { dispatchBonusMs } from './dispatch-order';
export {
  ConflictError,
  NotFoundError,
  OverloadedError,
  TaskloomError,
  ValidationError,
  type ErrorDetail,
} from './errors';
export { RunControlService, type RunControlResult } from './run-control.service';
export { RunAdmissionService, type AdmissionRound, type PromotionRound } from './run-admission.service';
export { RunConcurrencyKeyFailed, RunConcurrencyKeyService } from './run-concurrency-key.service';
export { WaitWakeService, type WakeRound } from './waits/wait-wake.service';
export { SignalService, type SendSignal, type SentSignal } from './waits/signal.service';
export { ScheduleFiringService } from './schedules/schedule-firing.service';
export { ScheduleRunsService } from './schedules/schedule-runs.service';
export { clockOf, windowOf } from './schedules/schedule-clock';
export {
  EventPublisherService,
  type EventRefusal,
  type PublishEventCommand,
  type PublishedEvent,
} from './events/event-publisher.service';
