import { Module } from '@nestjs/common';
import { ActivationService } from './activation.service';
import { AttemptService } from './attempt.service';
import { CascadeService } from './cascade.service';
import { ExpressionEvaluator } from './expressions/expression-evaluator.service';
import { InterruptionService } from './interruption.service';
import { JsonSchemaValidator } from './json-schema.validator';
import { PlanCache } from './plan-cache.service';
import { RateLimitDefaults } from './rate-limit-defaults.service';
import { RunControlService } from './run-control.service';
import { RunStarterService } from './run-starter.service';
import { RunAdmissionService } from './run-admission.service';
import { RunConcurrencyKeyService } from './run-concurrency-key.service';
import { SubRunLauncher } from './sub-run.launcher';
import { RunTreeBudget } from './run-tree-budget.service';
import { SubRunLaunchService } from './sub-run-launch.service';
import { SignalDeliveryService } from './waits/signal-delivery.service';
import { SignalService } from './waits/signal.service';
import { WaitWakeService } from './waits/wait-wake.service';
import { ScheduleFiringService } from './schedules/schedule-firing.service';
import { ScheduleRunsService } from './schedules/schedule-runs.service';
import { EventPublisherService } from './events/event-publisher.service';

const PROVIDERS = [
  PlanCache,
  RateLimitDefaults,
  ExpressionEvaluator,
  JsonSchemaValidator,
  SubRunLauncher,
  RunTreeBudget,
  SubRunLaunchService,
  SignalDeliveryService,
  ActivationService,
  CascadeService,
  InterruptionService,
  AttemptService,
  RunStarterService,
  RunControlService,
  RunConcurrencyKeyService,
  RunAdmissionService,
  WaitWakeService,
  SignalService,
  ScheduleRunsService,
  ScheduleFiringService,
  EventPublisherService,
];

/**
 * The run state machine on top of the persistence module: starting runs,
 * recording attempts and everything that follows from them. Needs the
 * config, persistence and queue modules in the importing application.
 */
@Module({ providers: PROVIDERS, exports: PROVIDERS })
export class OrchestratorModule {}
