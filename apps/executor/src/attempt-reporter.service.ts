import { Inject, Injectable, Logger } from '@nestjs/common';
import { TASKLOOM_CONFIG, type TaskloomConfig } from '@taskloom/config';
import { AttemptService, WriteBatcher, type AttemptOutcome } from '@taskloom/orchestrator';
import { ExecutorIdentity } from './executor-identity';

const MAX_BACKOFF_MS = 5_000;

/**
 * Batches the executor's writes: attempt starts and attempt outcomes from
 * all concurrently running tasks go to PostgreSQL together. An outcome is
 * only in memory until it is written, so a failed write is retried until
 * it lands (or the process dies, and the reconciler retries the attempt);
 * shutdown drains them.
 */
@Injectable()
export class AttemptReporter {
  private readonly logger = new Logger(AttemptReporter.name);
  private readonly starts: WriteBatcher<{ taskId: string; attempt: number }, boolean>;
  private readonly outcomes: WriteBatcher<AttemptOutcome, undefined>;
  private readonly unwritten = new Set<Promise<void>>();
  private readonly maxUnwritten: number;

  constructor(
    @Inject(TASKLOOM_CONFIG) config: TaskloomConfig,
    attempts: AttemptService,
    identity: ExecutorIdentity,
  ) {
    const options = { maxSize: config.executor.completionBatch, lingerMs: config.executor.completionLingerMs };
    this.maxUnwritten = config.executor.completionBatch;
    this.starts = new WriteBatcher(async (entries) => {
      const started = await attempts.start(entries, identity.id);
      return entries.map((entry) => started.has(entry.taskId));
    }, options);
    this.outcomes = new WriteBatcher<AttemptOutcome, undefined>(async (outcomes) => {
      await attempts.complete(outcomes);
      return outcomes.map(() => undefined);
    }, options);
  }

  /** False when the attempt must not run: superseded, already started elsewhere, or its run ended. */
  start(taskId: string, attempt: number): Promise<boolean> {
    return this.starts.submit({ taskId, attempt });
  }

  /**
   * Hands an outcome over to be written. While fewer than a batch of
   * outcomes are unwritten this resolves at once, so the task's slot takes
   * the next job instead of waiting on PostgreSQL; an executor that dies
   * before they land costs those attempts a rerun (the reconciler sees their
   * executor gone), never the tasks. Past that, it waits for its own write,
   * so a slow database slows the executor rather than filling its memory.
   */
  async finish(outcome: AttemptOutcome): Promise<void> {
    const write = this.write(outcome);
    this.unwritten.add(write);
    void write.finally(() => this.unwritten.delete(write));
    if (this.unwritten.size > this.maxUnwritten) await write;
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
