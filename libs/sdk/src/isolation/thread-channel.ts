import { Worker } from 'node:worker_threads';
import { serializeTaskError } from '../errors/serialize';
import { ResourceLimitError, TaskError } from '../errors/task-errors';
import { LineSplitter } from './line-splitter';
import { locateRunner } from './locate-runner';
import { isRunnerMessage, type HostMessage, type RunnerInit } from './protocol';
import { BaseChannel, type RunnerChannel } from './runner-channel';

export interface ThreadSpawnOptions {
  init: RunnerInit;
  memoryMb: number;
  spawnTimeoutMs: number;
}

/** Starts a worker thread running thread-runner.js and resolves once its plugin is loaded. */
export async function spawnThread(options: ThreadSpawnOptions): Promise<RunnerChannel> {
  const channel = new ThreadChannel(options);
  await channel.ready;
  return channel;
}

/**
 * A worker thread whose V8 heap is capped at memoryMb (old generation; the
 * young generation gets an eighth of it, 4 to 64 MB). Going over ends the
 * thread with ERR_WORKER_OUT_OF_MEMORY, reported as a ResourceLimitError.
 */
class ThreadChannel extends BaseChannel {
  readonly id: number;
  private readonly worker: Worker;
  private lastError?: Error & { code?: string };
  private gone = false;
  private readonly exitedPromise: Promise<void>;

  constructor(private readonly options: ThreadSpawnOptions) {
    super(`thread worker for ${options.init.taskType}`, options.spawnTimeoutMs);
    this.worker = new Worker(locateRunner('thread-runner.js'), {
      workerData: options.init,
      resourceLimits: {
        maxOldGenerationSizeMb: options.memoryMb,
        maxYoungGenerationSizeMb: Math.min(64, Math.max(4, Math.round(options.memoryMb / 8))),
      },
      stdout: true,
      stderr: true,
      name: `taskloom:${options.init.taskType}`,
    });
    this.id = this.worker.threadId;
    const stdout = new LineSplitter((line) => this.output('stdout', line));
    const stderr = new LineSplitter((line) => this.output('stderr', line));
    this.worker.stdout.on('data', (chunk: Buffer) => stdout.write(chunk));
    this.worker.stderr.on('data', (chunk: Buffer) => stderr.write(chunk));
    this.worker.on('message', (message: unknown) => {
      if (isRunnerMessage(message)) this.received(message);
    });
    this.worker.on('error', (error: Error & { code?: string }) => {
      this.lastError = error;
    });
    this.exitedPromise = new Promise((resolve) =>
      this.worker.once('exit', (code) => {
        this.gone = true;
        stdout.flush();
        stderr.flush();
        this.exited({ error: serializeTaskError(this.exitError(code)) });
        resolve();
      }),
    );
  }

  send(message: HostMessage): void {
    this.worker.postMessage(message);
  }

  setRef(ref: boolean): void {
    if (ref) this.worker.ref();
    else this.worker.unref();
  }

  async kill(waitMs: number): Promise<boolean> {
    if (this.gone) return true;
    void this.worker.terminate().catch(() => undefined);
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<false>((resolve) => {
      timer = setTimeout(() => resolve(false), waitMs);
    });
    const result = await Promise.race([this.exitedPromise.then(() => true as const), timedOut]);
    clearTimeout(timer);
    return result;
  }

  private exitError(code: number): TaskError {
    const error = this.lastError;
    if (error?.code === 'ERR_WORKER_OUT_OF_MEMORY') {
      return new ResourceLimitError(
        `${this.options.init.taskType} went over its memory limit of ${this.options.memoryMb} MB (worker thread heap)`,
        { cause: error },
      );
    }
    const why = error ? `: ${error.name}: ${error.message}` : '';
    return new TaskError(`the worker thread running ${this.options.init.taskType} exited (code ${code})${why}`, {
      cause: error,
    });
  }
}
