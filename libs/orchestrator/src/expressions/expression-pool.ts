import { Piscina } from 'piscina';
import { OverloadedError } from '../errors';
import { ExpressionFailed, ExpressionLimitExceeded } from './expression-limit.error';
import type { ExpressionAnswer, ExpressionJob } from './expression-job';

export interface ExpressionPoolOptions {
  /** The compiled worker entry point (expression.worker.js). */
  filename: string;
  workers: number;
  timeoutMs: number;
  maxMemoryMb: number;
}

/**
 * The pool was shut down; the work asking for it belongs to a process that
 * is stopping, and is done again elsewhere (a run start is answered 429 with Retry-After).
 */
export class ExpressionPoolClosed extends OverloadedError {
  constructor() {
    super('expression evaluation is shut down: this process is stopping', 5);
  }
}

/**
 * Worker threads that evaluate user expressions off the event loop, each
 * evaluation bounded by a wall-clock timeout and a heap limit; past either
 * its thread is terminated (which interrupts even a tight loop inside one
 * native call) and piscina starts a fresh one. Threads start with the pool,
 * so the first evaluation pays no startup. The clock starts when a thread
 * takes the evaluation (it says so), not while it waits in the queue or for
 * a replacement thread to load: a queue of slow work never times out the
 * cheap work behind it (ADR 0015).
 */
export class ExpressionPool {
  private readonly piscina: Piscina<ExpressionJob & { id: number }, ExpressionAnswer>;
  /** Starts the clock of each evaluation in flight, by id. */
  private readonly started = new Map<number, () => void>();
  private nextId = 0;
  private inFlight = 0;
  private closed = false;
  private readonly idle: (() => void)[] = [];

  constructor(private readonly options: ExpressionPoolOptions) {
    this.piscina = new Piscina({
      filename: options.filename,
      minThreads: options.workers,
      maxThreads: options.workers,
      idleTimeout: Number.POSITIVE_INFINITY,
      concurrentTasksPerWorker: 1,
      resourceLimits: { maxOldGenerationSizeMb: options.maxMemoryMb },
    });
    this.piscina.on('message', (message: { expressionStarted?: number }) => {
      if (typeof message?.expressionStarted === 'number') this.started.get(message.expressionStarted)?.();
    });
  }

  /** Evaluates `job` in a worker; throws ExpressionLimitExceeded past a limit, or the job's own error. */
  async run(job: ExpressionJob): Promise<unknown> {
    if (this.closed) throw new ExpressionPoolClosed();
    const id = (this.nextId += 1);
    const controller = new AbortController();
    let timer: NodeJS.Timeout | undefined;
    this.started.set(id, () => (timer = setTimeout(() => controller.abort(), this.options.timeoutMs)));
    this.inFlight += 1;
    try {
      const answer = await this.piscina.run({ ...job, id }, { signal: controller.signal });
      if (!answer.ok) throw new ExpressionFailed(answer.name, answer.message);
      return answer.value;
    } catch (error) {
      throw this.explain(error);
    } finally {
      clearTimeout(timer);
      this.started.delete(id);
      this.inFlight -= 1;
      if (this.inFlight === 0) for (const resolve of this.idle.splice(0)) resolve();
    }
  }

  /** Waits (at most `withinMs`) for evaluations under way to end, then stops every thread. */
  async close(withinMs: number): Promise<void> {
    this.closed = true;
    if (this.inFlight > 0) {
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([
        new Promise<void>((resolve) => this.idle.push(resolve)),
        new Promise<void>((resolve) => (timer = setTimeout(resolve, withinMs))),
      ]);
      clearTimeout(timer);
    }
    await this.piscina.destroy();
  }
  private explain(error: unknown): Error {
    if (error instanceof ExpressionFailed || error instanceof ExpressionPoolClosed) return error;
    const failure = error as { name?: string; code?: string; message?: string };
    if (failure.name === 'AbortError') {
      return new ExpressionLimitExceeded(
        `expression evaluation took longer than EXPRESSION_TIMEOUT_MS (${this.options.timeoutMs} ms) and was stopped`,
      );
    }
    if (failure.code === 'ERR_WORKER_OUT_OF_MEMORY') {
      return new ExpressionLimitExceeded(
        `expression evaluation needed more than EXPRESSION_MAX_MEMORY_MB (${this.options.maxMemoryMb} MB) and was stopped`,
      );
    }
    return new ExpressionFailed('ExpressionWorkerFailed', `expression evaluation failed: ${failure.message}`);
  }
}
