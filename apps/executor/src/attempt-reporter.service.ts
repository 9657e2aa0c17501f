import { Inject, Injectable, Logger } from '@nestjs/common';
import { TASKLOOM_CONFIG, type TaskloomConfig } from '@taskloom/config';
import { AttemptService, WriteBatcher, type AttemptOutcome, type AttemptStart } from '@taskloom/orchestrator';
import { ExecutorIdentity } from './executor-identity';

const MAX_BACKOFF_MS = 5_000;
/**
 * Two writes at a time: one gathers while the other commits. More would only
 * contend for the same rows (a fan-in task, a run counted down by several
 * batches) and make the batches smaller.
 */
const WRITES_IN_FLIGHT = 2;

/**
 * Batches the executor's writes: attempt starts and attempt outcomes from
 * all concurrently running tasks go to PostgreSQL together. A failed
 * outcome write is retried until it lands (or the process dies, and the
 * attempt is run again); shutdown drains them.
 */
@Injectable()
export class AttemptReporter {
  private readonly logger = new Logger(AttemptReporter.name);
  private readonly starts: WriteBatcher<AttemptStart, boolean>;
  private readonly outcomes: WriteBatcher<AttemptOutcome, undefined>;
  private readonly unwritten = new Set<Promise<void>>();
  private readonly runningAfterMs: number;
  /** The most outcomes being written at once. */
  readonly writeCapacity: number;

  constructor(@Inject(TASKLOOM_CONFIG) config: TaskloomConfig, attempts: AttemptService, identity: ExecutorIdentity) {
    const options = {
      maxSize: config.executor.completionBatch,
      lingerMs: config.executor.completionLingerMs,
      maxInFlight: WRITES_IN_FLIGHT,
    };
    this.writeCapacity = WRITES_IN_FLIGHT * config.executor.completionBatch;
    this.runningAfterMs = config.executor.runningAfterMs;
    this.starts = new WriteBatcher(async (entries) => {
      const started = await attempts.start(entries, identity.id);
      return entries.map((entry) => started.has(entry.taskId));
    }, options);
    this.outcomes = new WriteBatcher<AttemptOutcome, undefined>(async (outcomes) => {
      await attempts.complete(outcomes);
      return outcomes.map(() => undefined);
    }, options);
  }

  /** Records the start now. False when the attempt must not run: superseded, already started elsewhere, or its run ended. */
  start(entry: AttemptStart): Promise<boolean> {
    return this.starts.submit(entry);
  }

  /**
   * Records the start once the attempt has run for EXECUTOR_RUNNING_AFTER_MS,
   * so the many attempts that end sooner never write 'running'. A start
   * refused then (the run was cancelled, the attempt superseded) calls
   * `refused`, and the caller abandons the attempt. Returns the cancel:
   * call it when the handler returns.
   */
  startLater(entry: AttemptStart, refused: () => void): () => void {
    let ended = false;
    const timer = setTimeout(() => {
      this.start(entry).then(
        (started) => {
          if (!started && !ended) refused();
        },
        (error: Error) =>
          this.logger.warn({
            msg: `recording the start of task ${entry.taskId} failed: ${error.message}`,
            taskId: entry.taskId,
          }),
      );
    }, this.runningAfterMs);
    return () => {
      ended = true;
      clearTimeout(timer);
    };
  }

  /** Whether starts are recorded before the handler runs (EXECUTOR_RUNNING_AFTER_MS=0). */
  get startsFirst(): boolean {
    return this.runningAfterMs === 0;
  }

  /**
   * Resolves once the outcome is durable in PostgreSQL. The task's queue job
   * stays active until then, so Redis never shows an attempt done whose
   * outcome could still be lost, and the reconciler never mistakes a task
   * whose outcome is being written for one whose job went missing.
   */
  finish(outcome: AttemptOutcome): Promise<void> {
    const write = this.write(outcome);
    this.unwritten.add(write);
    void write.finally(() => this.unwritten.delete(write));
    return write;
  }

  /** Resolves once every start and outcome handed over so far is written. */
  async drain(): Promise<void> {
    await this.starts.drain();
    await Promise.all([...this.unwritten]);
  }

  private async write(outcome: AttemptOutcome): Promise<void> {
    for (let failures = 0; ; failures += 1) {
      try {
        await this.outcomes.submit(outcome);
        return;
      } catch (error) {
        const delay = Math.min(MAX_BACKOFF_MS, 100 * 2 ** failures);
        this.logger.warn({
          msg: `recording the outcome of task ${outcome.taskId} failed (${(error as Error).message}); retrying in ${delay} ms`,
          runId: outcome.runId,
          taskId: outcome.taskId,
          attempt: outcome.attempt,
        });
        await new Promise((resolve) => setTimeout(resolve, delay));
      }
    }
  }
}
