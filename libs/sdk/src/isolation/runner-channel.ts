import { deserializeTaskError, type TaskFailure } from '../errors/serialize';
import { PluginLoadError } from '../errors/sdk-errors';
import type { HostMessage, RunnerMessage } from './protocol';

/** Why a worker is gone: `error` is what an attempt running at that moment fails with. */
export interface ExitInfo {
  error: TaskFailure;
}

export interface ChannelListener {
  message(message: RunnerMessage): void;
  output(stream: 'stdout' | 'stderr', line: string): void;
  exit(info: ExitInfo): void;
}

/** One worker thread or child process, as a pool slot sees it. */
export interface RunnerChannel {
  /** threadId or pid. */
  readonly id: number;
  send(message: HostMessage): void;
  listen(listener: ChannelListener): void;
  /** Terminates it. Resolves true once it is gone, false if it ignored termination for `waitMs`. */
  kill(waitMs: number): Promise<boolean>;
  /** Whether it keeps the host's event loop alive: yes while starting or running a task, no while idle. */
  setRef(ref: boolean): void;
}

/**
 * Start-up handshake and listener plumbing shared by threads and processes:
 * `ready` resolves on the runner's 'ready' message and rejects with a
 * PluginLoadError on 'init-error', an early exit or the spawn timeout.
 */
export abstract class BaseChannel implements RunnerChannel {
  abstract readonly id: number;
  readonly ready: Promise<void>;
  private listener?: ChannelListener;
  private isReady = false;
  private settleReady!: (error?: Error) => void;
  private readonly readyTimer: NodeJS.Timeout;

  protected constructor(
    protected readonly what: string,
    spawnTimeoutMs: number,
  ) {
    this.ready = new Promise<void>((resolve, reject) => {
      this.settleReady = (error) => (error ? reject(error) : resolve());
    });
    this.readyTimer = setTimeout(() => {
      this.failReady(new PluginLoadError(`${this.what} did not start within ${spawnTimeoutMs} ms`));
      void this.kill(1_000);
    }, spawnTimeoutMs);
    this.readyTimer.unref();
  }

  abstract send(message: HostMessage): void;
  abstract kill(waitMs: number): Promise<boolean>;
  abstract setRef(ref: boolean): void;

  listen(listener: ChannelListener): void {
    this.listener = listener;
  }

  protected received(message: RunnerMessage): void {
    if (message.t === 'ready') {
      this.isReady = true;
      clearTimeout(this.readyTimer);
      this.settleReady();
    } else if (message.t === 'init-error') {
      const cause = deserializeTaskError(message.error);
      this.failReady(new PluginLoadError(`${this.what} could not start: ${message.error.message}`, { cause }));
      void this.kill(1_000);
    } else {
      this.listener?.message(message);
    }
  }

  protected output(stream: 'stdout' | 'stderr', line: string): void {
    if (this.listener) this.listener.output(stream, line);
    else if (stream === 'stderr' && line.trim() !== '') process.stderr.write(`[${this.what}] ${line}\n`);
  }

  protected exited(info: ExitInfo): void {
    clearTimeout(this.readyTimer);
    if (!this.isReady)
      this.failReady(new PluginLoadError(`${this.what} exited before it was ready: ${info.error.message}`));
    this.listener?.exit(info);
  }

  private failReady(error: Error): void {
    clearTimeout(this.readyTimer);
    this.settleReady(error);
  }
}
