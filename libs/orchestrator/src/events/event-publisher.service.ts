import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { TASKLOOM_CONFIG, type TaskloomConfig } from '@taskloom/config';
import { describeProblem, findUnstorable, type JsonValue } from '@taskloom/engine';
import { EventRepository, type EventListener, type EventRun } from '@taskloom/persistence';
import { metrics } from '@taskloom/telemetry';
import { TaskloomError, ValidationError, type ErrorDetail } from '../errors';
import { ExpressionEvaluator } from '../expressions/expression-evaluator.service';
import { ExpressionFailed, ExpressionLimitExceeded } from '../expressions/expression-limit.error';
import { RunStarterService } from '../run-starter.service';

export interface PublishEventCommand {
  tenant: string;
  name: string;
  payload: JsonValue;
  idempotencyKey?: string;
}

/** A listening workflow that started no run: its condition failed to evaluate, or the run start was refused. */
export interface EventRefusal {
  workflow: string;
  message: string;
}

export interface PublishedEvent {
  id: string;
  runs: EventRun[];
  refused: EventRefusal[];
  /** False when the idempotency key matched an earlier event: its runs are returned, none started. */
  created: boolean;
}

/**
 * Starts a run of every latest workflow of the tenant whose `on` matches an
 * event, the payload as input (DESIGN §9). The event is stored first; each
 * run's idempotency key is the event's id, so a request that failed half
 * way, repeated with its idempotency key, starts only what is missing, and
 * once an event's runs are recorded a repeat starts nothing.
 */
@Injectable()
export class EventPublisherService {
  constructor(
    @Inject(TASKLOOM_CONFIG) private readonly config: TaskloomConfig,
    private readonly events: EventRepository,
    private readonly expressions: ExpressionEvaluator,
    private readonly starter: RunStarterService,
  ) {}

  async publish(command: PublishEventCommand): Promise<PublishedEvent> {
    this.checkStorable(command);
    const record = await this.events.record(randomUUID(), {
      tenant: command.tenant,
      name: command.name,
      payload: command.payload,
      idempotencyKey: command.idempotencyKey ?? null,
    });
    if (record.runs) return { id: record.id, runs: record.runs, refused: [], created: false };

    const refused: EventRefusal[] = [];
    const listeners = await this.events.listeners(command.tenant, command.name);
    const started = await Promise.all(
      listeners.map(async (listener): Promise<EventRun | undefined> => {
        try {
          if (!(await this.matches(listener, command))) return undefined;
          const run = await this.starter.start({
            workflow: listener.name,
            version: listener.version,
            tenant: command.tenant,
            input: command.payload,
            idempotencyKey: `event:${record.id}`,
          });
          if (run.created) metrics.runsStartedBy.inc({ source: 'event' });
          return { workflow: listener.name, version: listener.version, runId: run.id };
        } catch (error) {
          // One workflow's refusal (input schema, a failing condition) must not stop the others.
          const refusal =
            error instanceof TaskloomError ||
            error instanceof ExpressionFailed ||
            error instanceof ExpressionLimitExceeded;
          if (!refusal) throw error;
          refused.push({ workflow: listener.name, message: (error as Error).message });
          return undefined;
        }
      }),
    );
    const runs = started.filter((run): run is EventRun => run !== undefined);
    await this.events.setRuns(record.id, runs);
    return { id: record.id, runs, refused, created: record.created };
  }

  private async matches(listener: EventListener, command: PublishEventCommand): Promise<boolean> {
    for (const trigger of listener.on) {
      if (trigger.event !== command.name) continue;
      if (trigger.when === undefined) return true;
      const scope = { event: { name: command.name, payload: command.payload } };
      if (await this.expressions.eventCondition(trigger.when, scope)) return true;
    }
    return false;
  }

  /** The payload becomes each run's input: the same bounds as a run input, checked before anything is stored. */
  private checkStorable(command: PublishEventCommand): void {
    const details: ErrorDetail[] = [];
    for (const [field, value, maxBytes] of [
      ['name', command.name, undefined],
      ['idempotencyKey', command.idempotencyKey, undefined],
      ['payload', command.payload, this.config.limits.runInputBytes],
    ] as const) {
      const problem = value === undefined ? undefined : findUnstorable(value, field, maxBytes);
      if (problem) details.push({ path: problem.path, message: describeProblem(problem) });
    }
    if (details.length > 0) throw new ValidationError(details[0]!.message, details);
  }
}
