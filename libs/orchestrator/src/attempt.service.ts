import { Inject, Injectable } from '@nestjs/common';
import { TASKLOOM_CONFIG, type TaskloomConfig } from '@taskloom/config';
import { DEFAULT_RETRY, hasAttemptsLeft, retryDelayMs, type RetryPolicy } from '@taskloom/engine';
import {
  notifyReady,
  RunRepository,
  TaskAttemptRepository,
  TransactionRunner,
  type AttemptOutcomeRow,
} from '@taskloom/persistence';
import { CascadeService } from './cascade.service';
import { dispatchBonusMs } from './dispatch-order';

/** How an attempt failed, as reported by the executor (the SDK's serialised error) or the reconciler. */
export interface AttemptFailure {
  name: string;
  message: string;
  kind?: string;
  retryable?: boolean;
  retryAfterMs?: number;
  [detail: string]: unknown;
}

export interface AttemptOutcome {
  taskId: string;
  runId: string;
  /** The definition version the run is pinned to (it travels in the job): the cascade reads the plan, not the run. */
  definitionId: string;
  attempt: number;
  status: 'succeeded' | 'failed';
  output?: unknown;
  error?: AttemptFailure;
  retry: RetryPolicy | null;
  maxAttempts: number;
  priority: number;
  executorId: string | null;
  /** A string keeps microseconds, which a Date cannot (the executor's clock: an ISO timestamp). */
  startedAt: Date | string | null;
  durationMs: number | null;
  logs?: unknown;
  /** The attempt's executor vanished; recorded as 'lost' rather than 'failed'. */
  lost?: boolean;
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
    const rows = outcomes.map((outcome) => this.toRow(outcome));
    const definitions = new Map(outcomes.map((outcome) => [outcome.runId, outcome.definitionId]));
    return this.transactions.run(async (db) => {
      const { settled, retried } = await this.attempts.recordOutcomes(db, rows);
      if (retried.length > 0) await notifyReady(db);
      await this.cascade.propagate(db, settled, definitions);
      return new Set([...retried, ...settled.map((task) => task.id)]);
    });
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
      recordStatus: outcome.lost ? 'lost' : outcome.status,
      retry: again
        ? {
            delayMs: outcome.error?.retryAfterMs ?? retryDelayMs(policy, outcome.attempt),
            dispatchBonusMs: dispatchBonusMs(outcome.priority, this.config.queue.priorityAgingMs),
          }
        : undefined,
    };
  }
}
