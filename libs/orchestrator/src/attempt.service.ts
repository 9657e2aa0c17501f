import { Inject, Injectable } from '@nestjs/common';
import { TASKLOOM_CONFIG, type TaskloomConfig } from '@taskloom/config';
import { DEFAULT_RETRY, hasAttemptsLeft, retryDelayMs, type RetryPolicy } from '@taskloom/engine';
import {
  notifyReady,
  RunRepository,
  TaskAttemptRepository,
  TransactionRunner,
  type AttemptOutcomeRow,
  type InterruptionReason,
} from '@taskloom/persistence';
import type { TaskFailure } from '@taskloom/sdk';
import { CascadeService } from './cascade.service';
import { countInterruptions, InterruptionService } from './interruption.service';
import { dispatchBonusMs } from './dispatch-order';

export interface AttemptOutcome {
  taskId: string;
  runId: string;
  /** The definition version the run is pinned to (it travels in the job): the cascade reads the plan, not the run. */
  definitionId: string;
  attempt: number;
  status: 'succeeded' | 'failed';
  output?: unknown;
  /** How the attempt failed, as the executor (the SDK) or the reconciler reports it. */
  error?: TaskFailure;
  retry: RetryPolicy | null;
  maxAttempts: number;
  priority: number;
  executorId: string | null;
  /** A string keeps microseconds, which a Date cannot (the executor's clock: an ISO timestamp). */
  startedAt: Date | string | null;
  durationMs: number | null;
  logs?: unknown;
  /**
   * The attempt did not end on its own (its executor was lost, or shut down
   * past its grace period): recorded as 'interrupted', and the task runs
   * again on the interruption budget, whatever the retry policy says.
   */
  interrupted?: InterruptionReason;
}

export interface AttemptStart {
  taskId: string;
  attempt: number;
  startedAt: Date | string;
}

/**
 * Records the start and the end of attempts. An ending is written in one
 * transaction with everything it causes: a retry, or the task's result, its
 * attempt record, dependents made ready, the run finished.
 */
@Injectable()
export class AttemptService {
  constructor(
    @Inject(TASKLOOM_CONFIG) private readonly config: TaskloomConfig,
    private readonly transactions: TransactionRunner,
    private readonly attempts: TaskAttemptRepository,
    private readonly runs: RunRepository,
    private readonly cascade: CascadeService,
    private readonly interruptions: InterruptionService,
  ) {}

  /** Returns the ids of the attempts that may run; the others were superseded or already started. */
  async start(entries: readonly AttemptStart[], executorId: string): Promise<Set<string>> {
    return this.transactions.run(
      async (db) => {
        const started = await this.attempts.markStarted(db, entries, executorId);
        await this.runs.markStarted(db, [...new Set(started.map((task) => task.runId))]);
        return new Set(started.map((task) => task.id));
      },
      { waitForFlush: false },
    );
  }

  /** Returns the ids of the outcomes that were applied; the rest were stale (fenced out). */
  async complete(outcomes: readonly AttemptOutcome[]): Promise<Set<string>> {
    if (outcomes.length === 0) return new Set();
    const ended = outcomes.filter((outcome) => !outcome.interrupted);
    const interrupted = outcomes.filter((outcome) => outcome.interrupted);
    const rows = ended.map((outcome) => this.toRow(outcome));
    const definitions = new Map(outcomes.map((outcome) => [outcome.runId, outcome.definitionId]));
    const { applied, interruption } = await this.transactions.run(async (db) => {
      const { settled, retried } = await this.attempts.recordOutcomes(db, rows);
      if (retried.length > 0) await notifyReady(db);
      await this.cascade.propagate(db, settled, definitions);
      const interruption =
        interrupted.length === 0
          ? undefined
          : await this.interruptions.apply(
              db,
              interrupted.map((outcome) => ({
                taskId: outcome.taskId,
                attempt: outcome.attempt,
                reason: outcome.interrupted!,
                error: { ...outcome.error },
                executorId: outcome.executorId,
                startedAt: outcome.startedAt,
                durationMs: outcome.durationMs,
              })),
            );
      return { applied: [...retried, ...settled.map((task) => task.id)], interruption };
    });
    if (!interruption) return new Set(applied);
    countInterruptions(interruption);
    return new Set([
      ...applied,
      ...interruption.again.map((task) => task.id),
      ...interruption.exhausted.map((task) => task.id),
    ]);
  }

  /** A failure the policy still allows another attempt for goes round again; anything else is final. */
  private toRow(outcome: AttemptOutcome): AttemptOutcomeRow {
    const policy = { ...DEFAULT_RETRY, ...(outcome.retry ?? {}), maxAttempts: outcome.maxAttempts };
    const retryable = outcome.status === 'failed' && outcome.error?.retryable !== false;
    const again = retryable && hasAttemptsLeft(policy, outcome.attempt);
    return {
      taskId: outcome.taskId,
      attempt: outcome.attempt,
      status: outcome.status,
      output: outcome.output,
      error: outcome.error,
      executorId: outcome.executorId,
      startedAt: outcome.startedAt,
      durationMs: outcome.durationMs,
      logs: outcome.logs,
      recordStatus: outcome.status,
      retry: again
        ? {
            delayMs: outcome.error?.retryAfterMs ?? retryDelayMs(policy, outcome.attempt),
            dispatchBonusMs: dispatchBonusMs(outcome.priority, this.config.queue.priorityAgingMs),
          }
        : undefined,
    };
  }
}
