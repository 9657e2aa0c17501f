import { Inject, Injectable } from '@nestjs/common';
import { TASKLOOM_CONFIG, type TaskloomConfig } from '@taskloom/config';
import { DEFAULT_RETRY, hasAttemptsLeft, retryDelayMs, type RetryPolicy } from '@taskloom/engine';
import {
  notifyReady,
  RunRepository,
  TaskAttemptRepository,
  TaskRepository,
  TransactionRunner,
  type FinishedAttempt,
  type RetryEntry,
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
  attempt: number;
  status: 'succeeded' | 'failed';
  output?: unknown;
  error?: AttemptFailure;
  retry: RetryPolicy | null;
  maxAttempts: number;
  priority: number;
  executorId: string | null;
  startedAt: Date | null;
  durationMs: number | null;
  logs?: unknown;
  /** The attempt's executor vanished; recorded as 'lost' rather than 'failed'. */
  lost?: boolean;
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
    private readonly tasks: TaskRepository,
    private readonly runs: RunRepository,
    private readonly attempts: TaskAttemptRepository,
    private readonly cascade: CascadeService,
  ) {}

  /** Returns the ids of the attempts that may run; the others were superseded or already started. */
  async start(entries: readonly { taskId: string; attempt: number }[], executorId: string): Promise<Set<string>> {
    return this.transactions.run(async (db) => {
      const started = await this.tasks.markStarted(db, entries, executorId);
      await this.runs.markStarted(db, [...new Set(started.map((task) => task.runId))]);
      return new Set(started.map((task) => task.id));
    }, { waitForFlush: false });
  }

  /** Returns the ids of the outcomes that were applied; the rest were stale (fenced out). */
  async complete(outcomes: readonly AttemptOutcome[]): Promise<Set<string>> {
    if (outcomes.length === 0) return new Set();
    const retries: RetryEntry[] = [];
    const finals: FinishedAttempt[] = [];
    for (const outcome of outcomes) {
      const policy = { ...DEFAULT_RETRY, ...(outcome.retry ?? {}), maxAttempts: outcome.maxAttempts };
      const retryable = outcome.status === 'failed' && outcome.error?.retryable !== false;
      if (retryable && hasAttemptsLeft(policy, outcome.attempt)) {
        retries.push({
          taskId: outcome.taskId,
          attempt: outcome.attempt,
          error: outcome.error,
          delayMs: outcome.error?.retryAfterMs ?? retryDelayMs(policy, outcome.attempt),
          dispatchBonusMs: dispatchBonusMs(outcome.priority, this.config.queue.priorityAgingMs),
        });
      } else {
        finals.push({ taskId: outcome.taskId, attempt: outcome.attempt, status: outcome.status, output: outcome.output, error: outcome.error });
      }
    }
    return this.transactions.run(async (db) => {
      const rescheduled = await this.tasks.scheduleRetries(db, retries);
      const settled = await this.tasks.finishAttempts(db, finals);
      const applied = new Set([...rescheduled, ...settled.map((task) => task.id)]);
      await this.attempts.insertAttempts(
        db,
        outcomes
          .filter((outcome) => applied.has(outcome.taskId))
          .map((outcome) => ({
            taskId: outcome.taskId,
            runId: outcome.runId,
            attempt: outcome.attempt,
            status: outcome.lost ? 'lost' : outcome.status,
            error: outcome.error,
            executorId: outcome.executorId,
            startedAt: outcome.startedAt,
            durationMs: outcome.durationMs,
            logs: outcome.logs,
          })),
      );
      await this.cascade.propagate(db, settled);
      if (applied.size > 0) await notifyReady(db);
      return applied;
    });
  }
}
