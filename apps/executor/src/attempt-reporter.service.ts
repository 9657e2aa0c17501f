import { Inject, Injectable, Logger } from '@nestjs/common';
import { TASKLOOM_CONFIG, type TaskloomConfig } from '@taskloom/config';
import { AttemptService, WriteBatcher, type AttemptOutcome, type AttemptStart } from '@taskloom/orchestrator';
import { isDataError } from '@taskloom/persistence';
import pRetry from 'p-retry';
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
 * all concurrently running tasks go to PostgreSQL together.
 *
 * A batch PostgreSQL refuses for one outcome's data is split until that
 * outcome is alone (WriteBatcher `isolate`); the others land. The refused
 * outcome is written once more as a non-retryable failure without its
 * output and logs, so the task fails with a reason instead of wedging its
 * run; if even that is refused it is given up on. Any other failure (the
 * database unreachable) is retried until it lands — but once shutdown has
 * begun, for at most SHUTDOWN_GRACE_MS more: what is still unwritten then is
 * left to the reconciler, which runs the attempt again.
 */
@Injectable()
export class AttemptReporter {
  private readonly logger = new Logger(AttemptReporter.name);
  private readonly starts: WriteBatcher<AttemptStart, boolean>;
  private readonly outcomes: WriteBatcher<AttemptOutcome, undefined>;
  private readonly unwritten = new Set<Promise<void>>();
  private readonly runningAfterMs: number;
  private readonly drainLimitMs: number;
  /** Aborted when shutdown's time for unwritten outcomes is up. */
  private readonly giveUp = new AbortController();
  /** The most outcomes being written at once. */
  readonly writeCapacity: number;

  constructor(@Inject(TASKLOOM_CONFIG) config: TaskloomConfig, attempts: AttemptService, identity: ExecutorIdentity) {
    const options = {
      maxSize: config.executor.completionBatch,
      maxWaitMs: config.executor.completionLingerMs,
      maxInFlight: WRITES_IN_FLIGHT,
      isolate: isDataError,
    };
    this.writeCapacity = WRITES_IN_FLIGHT * config.executor.completionBatch;
    this.runningAfterMs = config.executor.runningAfterMs;
    this.drainLimitMs = config.executor.shutdownGraceMs;
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

  /**
   * Resolves once every start and outcome handed over so far is written, or
   * SHUTDOWN_GRACE_MS after it was called, whichever comes first.
   */
  async drain(): Promise<void> {
    const timer = setTimeout(() => this.giveUp.abort(), this.drainLimitMs);
    try {
      // Given up on, these reject; what is left unwritten is reported below.
      await this.untilGivenUp(this.starts.drain()).catch(() => undefined);
      await this.untilGivenUp(Promise.all([...this.unwritten])).catch(() => undefined);
    } finally {
      clearTimeout(timer);
    }
    if (this.giveUp.signal.aborted && this.unwritten.size > 0) {
      this.logger.warn(`${this.unwritten.size} outcome(s) left unwritten at shutdown; their attempts will run again`);
    }
  }

  /**
   * Writes the outcome, retrying with backoff until it lands or shutdown
   * gives up. An outcome PostgreSQL refuses for its data is written once
   * more as a failure without that data; a refused failure is given up.
   */
  private async write(original: AttemptOutcome): Promise<void> {
    let outcome = original;
    const fields = { runId: original.runId, taskId: original.taskId, attempt: original.attempt };
    const submit = async (): Promise<void> => {
      try {
        await this.untilGivenUp(this.outcomes.submit(outcome));
      } catch (error) {
        if (!isDataError(error) || outcome !== original) throw error;
        this.logger.warn({
          msg: `PostgreSQL refused the outcome of task ${original.taskId}: ${(error as Error).message}`,
          ...fields,
        });
        outcome = refusedOutcome(original, (error as Error).message);
        await this.untilGivenUp(this.outcomes.submit(outcome));
      }
    };
    await pRetry(submit, {
      retries: Number.POSITIVE_INFINITY,
      minTimeout: 100,
      factor: 2,
      maxTimeout: MAX_BACKOFF_MS,
      signal: this.giveUp.signal,
      shouldRetry: ({ error }) => !isDataError(error),
      onFailedAttempt: ({ error, retryDelay }) => {
        if (isDataError(error)) {
          this.logger.error({
            msg: `PostgreSQL refused even the failure of task ${original.taskId}; giving up`,
            ...fields,
          });
        } else if (!this.giveUp.signal.aborted) {
          this.logger.warn({
            msg: `recording the outcome of task ${original.taskId} failed (${error.message}); retrying in ${retryDelay} ms`,
            ...fields,
          });
        }
      },
    }).catch(() => undefined);
  }

  /** The promise, or a rejection once shutdown gives up on unwritten work. */
  private untilGivenUp<T>(work: Promise<T>): Promise<T> {
    const { signal } = this.giveUp;
    if (signal.aborted) return Promise.reject(new Error('shutdown gave up on unwritten outcomes'));
    return new Promise<T>((resolve, reject) => {
      const onAbort = () => reject(new Error('shutdown gave up on unwritten outcomes'));
      signal.addEventListener('abort', onAbort, { once: true });
      work.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
    });
  }
}

/** The attempt as a non-retryable failure, without the output and logs PostgreSQL refused. */
function refusedOutcome(outcome: AttemptOutcome, reason: string): AttemptOutcome {
  return {
    ...outcome,
    status: 'failed',
    output: undefined,
    logs: undefined,
    error: {
      name: 'UnstorableOutcome',
      message: `PostgreSQL refused this attempt's outcome (${reason.replaceAll('\u0000', '?').replace(/[\uD800-\uDFFF]/g, '?')}); it was recorded as failed without its output and logs`,
      retryable: false,
    },
  };
}
