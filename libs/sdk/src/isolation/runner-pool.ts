import { serializeTaskError } from '../errors/serialize';
import { TaskCancelledError } from '../errors/task-errors';
import { cancelReason } from './deadline';
import type { Invocation, Isolate, IsolateStats, Outcome } from './invocation';
import type { RunnerChannel } from './runner-channel';
import { RunnerSlot } from './runner-slot';

export interface RunnerPoolOptions {
  mode: 'thread' | 'process';
  taskType: string;
  memoryMb: number;
  /** Most workers alive at once; more calls wait for a free one. */
  size: number;
  /** After an abort, how long a worker may take to finish before it is killed. */
  graceMs: number;
  spawn(): Promise<RunnerChannel>;
}

interface Waiter {
  resolve(slot: RunnerSlot): void;
  reject(error: unknown): void;
}

/**
 * A warm pool of workers (threads or processes) for one task type and heap
 * size. Workers start lazily, one per waiting call up to `size`, and stay for
 * the next call (most recently used first, so a steady trickle of tasks
 * reuses one hot worker). Dead and killed workers are replaced on demand.
 */
export class RunnerPool implements Isolate {
  private readonly idle: RunnerSlot[] = [];
  private readonly live = new Set<RunnerSlot>();
  private readonly zombies = new Set<RunnerSlot>();
  private readonly waiters: Waiter[] = [];
  private starting = 0;
  private closed = false;

  constructor(private readonly options: RunnerPoolOptions) {}

  async invoke(inv: Invocation): Promise<Outcome> {
    let slot: RunnerSlot;
    try {
      slot = await this.acquire(inv.signal);
    } catch (error) {
      return { ok: false, error: serializeTaskError(error) };
    }
    return slot.run(inv);
  }

  async warmUp(): Promise<void> {
    if (this.live.size + this.starting === 0) await this.startSlot();
  }

  stats(): IsolateStats {
    return {
      mode: this.options.mode,
      taskType: this.options.taskType,
      memoryMb: this.options.memoryMb,
      size: this.live.size,
      busy: this.live.size - this.idle.length,
      idle: this.idle.length,
      waiting: this.waiters.length,
      zombies: this.zombies.size,
    };
  }

  async close(): Promise<void> {
    this.closed = true;
    const closedError = new TaskCancelledError('task host closed');
    for (const waiter of this.waiters.splice(0)) waiter.reject(closedError);
    await Promise.all([...this.live].map((slot) => slot.kill(closedError)));
  }

  private acquire(signal?: AbortSignal): Promise<RunnerSlot> {
    if (this.closed) return Promise.reject(new TaskCancelledError('task host closed'));
    if (signal?.aborted) return Promise.reject(cancelReason(signal.reason));
    return new Promise<RunnerSlot>((resolve, reject) => {
      const onAbort = (): void => {
        const index = this.waiters.indexOf(waiter);
        if (index >= 0) this.waiters.splice(index, 1);
        reject(cancelReason(signal?.reason));
      };
      const waiter: Waiter = {
        resolve: (slot) => {
          signal?.removeEventListener('abort', onAbort);
          resolve(slot);
        },
        reject: (error) => {
          signal?.removeEventListener('abort', onAbort);
          reject(error);
        },
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.waiters.push(waiter);
      this.pump();
    });
  }

  /** Hands idle workers to waiters, and starts workers for the waiters left over. */
  private pump(): void {
    while (this.waiters.length > 0 && this.idle.length > 0) {
      this.waiters.shift()?.resolve(this.idle.pop() as RunnerSlot);
    }
    const room = this.options.size - this.live.size - this.starting;
    const wanted = Math.min(room, this.waiters.length - this.starting);
    for (let i = 0; i < wanted; i++) {
      this.startSlot().catch((error: unknown) => this.waiters.shift()?.reject(error));
    }
  }

  private async startSlot(): Promise<void> {
    this.starting++;
    let channel: RunnerChannel;
    try {
      channel = await this.options.spawn();
    } finally {
      this.starting--;
    }
    const slot = new RunnerSlot(channel, this.options.graceMs, {
      idle: (s) => this.release(s),
      gone: (s, zombie) => this.forget(s, zombie),
    });
    this.live.add(slot);
    this.release(slot);
  }

  private release(slot: RunnerSlot): void {
    if (this.closed) {
      void slot.kill(new TaskCancelledError('task host closed'));
      return;
    }
    this.idle.push(slot);
    this.pump();
  }

  private forget(slot: RunnerSlot, zombie: boolean): void {
    this.live.delete(slot);
    const index = this.idle.indexOf(slot);
    if (index >= 0) this.idle.splice(index, 1);
    if (zombie) this.zombies.add(slot);
    else this.zombies.delete(slot);
    if (!this.closed) this.pump();
  }
}
