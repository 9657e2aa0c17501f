import { Inject, Injectable } from '@nestjs/common';
import { TASKLOOM_CONFIG, type TaskloomConfig } from '@taskloom/config';
import {
  describeProblem,
  inspectStorable,
  isTerminalRunStatus,
  type JsonValue,
  type PlannedTask,
} from '@taskloom/engine';
import { RunRepository, SignalRepository, TransactionRunner } from '@taskloom/persistence';
import { metrics } from '@taskloom/telemetry';
import { randomUUID } from 'node:crypto';
import { CascadeService } from '../cascade.service';
import { ConflictError, NotFoundError, ValidationError } from '../errors';
import { JsonSchemaValidator } from '../json-schema.validator';
import { PlanCache } from '../plan-cache.service';
import { SignalDeliveryService } from './signal-delivery.service';

export interface SendSignal {
  runId: string;
  name: string;
  payload: JsonValue;
  /** Makes sending idempotent: a second signal with the same id in the run is not delivered again. */
  signalId?: string;
}

export interface SentSignal {
  runId: string;
  name: string;
  signalId: string | null;
  /**
   * delivered: a waiting task took it (its output); kept: no task waits for it yet, the next one
   * that does takes it; duplicate: the run already received this signalId, nothing changed.
   */
  outcome: 'delivered' | 'kept' | 'duplicate';
  /** The task that took it (this signal, or the earlier one with the same signalId). */
  taskKey: string | null;
}

/**
 * Signals sent to a run (POST /runs/{id}/signals/{name}): the payload is
 * checked against the schema of the tasks that wait for that name, recorded,
 * and delivered at once to a task waiting for it, whose output it becomes —
 * or kept for the first task that waits for it later.
 */
@Injectable()
export class SignalService {
  constructor(
    @Inject(TASKLOOM_CONFIG) private readonly config: TaskloomConfig,
    private readonly transactions: TransactionRunner,
    private readonly runs: RunRepository,
    private readonly plans: PlanCache,
    private readonly validator: JsonSchemaValidator,
    private readonly signals: SignalRepository,
    private readonly delivery: SignalDeliveryService,
    private readonly cascade: CascadeService,
  ) {}

  async send(command: SendSignal): Promise<SentSignal> {
    let sent: SentSignal;
    try {
      sent = await this.transactions.run(async (db) => {
        const run = await this.runs.lockRun(db, command.runId);
        if (!run) throw new NotFoundError(`run ${command.runId} not found`);
        if (isTerminalRunStatus(run.status as never))
          throw new ConflictError(`run ${command.runId} is ${run.status}; it takes no more signals`);
        const workflow = await this.plans.get(run.definitionId, db);
        const waiters = workflow.plan.tasks.filter((task) => task.waitFor?.signal === command.name);
        if (waiters.length === 0) {
          throw new NotFoundError(
            `no task of workflow ${workflow.name} v${workflow.version} waits for signal '${command.name}'`,
          );
        }
        this.assertPayload(workflow.id, waiters, command.payload);
        const recorded = await this.signals.record(db, {
          id: randomUUID(),
          runId: command.runId,
          name: command.name,
          signalId: command.signalId ?? null,
          payload: command.payload,
        });
        const base = { runId: command.runId, name: command.name, signalId: command.signalId ?? null };
        if (!recorded.created) {
          return { ...base, outcome: 'duplicate' as const, taskKey: await this.keyOf(db, recorded.taskId) };
        }
        const { settled, deliveredTo } = await this.delivery.deliverPairs(db, [command.runId], 1);
        await this.cascade.propagate(db, settled);
        const taskId = deliveredTo.get(recorded.id) ?? null;
        const taskKey = settled.find((task) => task.id === taskId)?.key ?? null;
        return { ...base, outcome: taskId ? ('delivered' as const) : ('kept' as const), taskKey };
      });
    } catch (error) {
      if (error instanceof ValidationError) metrics.signalsReceived.inc({ outcome: 'rejected' });
      throw error;
    }
    metrics.signalsReceived.inc({ outcome: sent.outcome });
    return sent;
  }

  /** The payload becomes a task's output: the output limit applies, and it must match every waiting task's schema. */
  private assertPayload(definitionId: string, waiters: readonly PlannedTask[], payload: JsonValue): void {
    const maxBytes = this.config.limits.taskOutputBytes;
    const { problem } = inspectStorable(payload, 'payload', maxBytes);
    if (problem) {
      const message = problem.reason.startsWith('is larger')
        ? `payload is larger than TASK_OUTPUT_MAX_BYTES (${maxBytes} bytes)`
        : describeProblem(problem);
      throw new ValidationError(message, [{ path: 'payload', message }]);
    }
    for (const task of waiters) {
      const schema = task.waitFor!.schema;
      if (!schema) continue;
      const issues = this.validator.validate(`signal:${definitionId}:${task.key}`, schema, payload, 'payload');
      if (issues.length > 0) {
        throw new ValidationError(
          `payload does not match the schema of signal '${task.waitFor!.signal}' (task ${task.key}): ${issues
            .map((issue) => `${issue.path || 'payload'} ${issue.message}`)
            .join('; ')}`,
          issues.map((issue) => ({ ...issue, path: issue.path || 'payload' })),
        );
      }
    }
  }

  private async keyOf(db: Parameters<RunRepository['lockRun']>[0], taskId: string | null): Promise<string | null> {
    if (!taskId) return null;
    return this.signals.taskKey(db, taskId);
  }
}
