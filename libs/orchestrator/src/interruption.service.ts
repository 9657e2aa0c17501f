import { Inject, Injectable } from '@nestjs/common';
import { TASKLOOM_CONFIG, type TaskloomConfig } from '@taskloom/config';
import {
  InterruptionRepository,
  notifyReady,
  TransactionRunner,
  type Db,
  type Interruption,
  type InterruptionResult,
  type NextAttempt,
} from '@taskloom/persistence';
import { metrics } from '@taskloom/telemetry';
import { CascadeService } from './cascade.service';

/**
 * An attempt that did not end on its own — its executor was lost or
 * killed, shut down past its grace period, or its job was delivered again —
 * is recorded as 'interrupted' and the task runs again as a new attempt on
 * its own budget (TASK_MAX_INTERRUPTIONS), never on the retry budget that
 * the task's own failures use. Past the budget the task fails.
 */
@Injectable()
export class InterruptionService {
  constructor(
    @Inject(TASKLOOM_CONFIG) private readonly config: TaskloomConfig,
    private readonly transactions: TransactionRunner,
    private readonly interruptions: InterruptionRepository,
    private readonly cascade: CascadeService,
  ) {}

  /** Inside the caller's transaction; the caller counts the result (countInterruptions) once it committed. */
  async apply(db: Db, entries: readonly Interruption[], next: NextAttempt = { on: 'router' }) {
    const result = await this.interruptions.interrupt(db, entries, this.config.engine.maxInterruptions, next);
    if (next.on === 'router' && result.again.length > 0) await notifyReady(db);
    await this.cascade.propagate(db, result.exhausted);
    return result;
  }

  /** Interrupts attempts and hands their tasks back to the routers. */
  async requeue(entries: readonly Interruption[]): Promise<InterruptionResult> {
    if (entries.length === 0) return { again: [], exhausted: [], interrupted: [] };
    const result = await this.transactions.run((db) => this.apply(db, entries));
    countInterruptions(result);
    return result;
  }

  /**
   * A job delivered again (its earlier delivery's executor died or lost its
   * lock): the earlier attempt is recorded as interrupted and this executor
   * runs the next one at once. Returns that attempt, or nothing when the
   * task must not run here: it ended, moved on, or used up its budget.
   */
  async takeOver(
    entry: Interruption,
    executorId: string,
    startedAt: Date | string,
  ): Promise<{ attempt: number; maxAttempts: number } | undefined> {
    const result = await this.transactions.run((db) =>
      this.apply(db, [entry], { on: 'executor', executorId, startedAt }),
    );
    countInterruptions(result);
    const [again] = result.again;
    return again && { attempt: again.attempt, maxAttempts: again.maxAttempts };
  }
}

export function countInterruptions(result: InterruptionResult): void {
  for (const { type, reason, again } of result.interrupted) {
    metrics.taskInterruptions.inc({ type: type ?? 'unknown', reason, outcome: again ? 'again' : 'exhausted' });
  }
}
