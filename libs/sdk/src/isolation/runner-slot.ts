import { serializeTaskError, type TaskFailure } from '../errors/serialize';
import type { TaskError } from '../errors/task-errors';
import { startDeadline, type Deadline } from './deadline';
import type { Invocation, Outcome } from './invocation';
import type { RunnerMessage } from './protocol';
import type { ExitInfo, RunnerChannel } from './runner-channel';

export interface SlotEvents {
  /** Finished an invocation and can take the next. */
  idle(slot: RunnerSlot): void;
  /** Ignored termination (`zombie`: written off, still running), or exited (possibly after being a zombie). */
  gone(slot: RunnerSlot, zombie: boolean): void;
}

interface Active {
  id: number;
  inv: Invocation;
  deadline: Deadline;
  settled: boolean;
  resolve(outcome: Outcome): void;
}

/** How long a worker that ignores termination is waited for before it is written off. */
const KILL_WAIT_MS = 5_000;

/**
 * One pooled worker running one invocation at a time. On timeout or cancel
 * the attempt settles at once; the worker gets an 'abort' and `graceMs` to
 * finish, then is killed and replaced. Exits mid-attempt (out of memory,
 * crash) fail the attempt with the channel's error.
 */
export class RunnerSlot {
  private current?: Active;
  private seq = 0;
  private graceTimer?: NodeJS.Timeout;
  private killReason?: TaskFailure;
  private dead = false;

  constructor(
    readonly channel: RunnerChannel,
    private readonly graceMs: number,
    private readonly events: SlotEvents,
  ) {
    channel.listen({
      message: (message) => this.onMessage(message),
      output: (stream, line) => this.onOutput(stream, line),
      exit: (info) => this.onExit(info),
    });
    channel.setRef(false); // an idle worker must not keep the host process alive
  }

  get id(): number {
    return this.channel.id;
  }

  run(inv: Invocation): Promise<Outcome> {
    return new Promise<Outcome>((resolve) => {
      const active: Active = {
        id: ++this.seq,
        inv,
        deadline: startDeadline(inv.taskType, inv.timeoutMs, inv.signal),
        settled: false,
        resolve,
      };
      this.current = active;
      this.channel.setRef(true);
      try {
        this.channel.send({
          t: 'run',
          id: active.id,
          taskType: inv.taskType,
          mode: inv.mode,
          payload: inv.payload,
          refs: inv.refs,
          logLimits: inv.logLimits,
          maxOutputBytes: inv.maxOutputBytes,
        });
      } catch (error) {
        this.settle(active, { ok: false, error: serializeTaskError(error) });
        this.current = undefined;
        void this.kill();
        return;
      }
      if (active.deadline.signal.aborted) this.abort(active);
      else active.deadline.signal.addEventListener('abort', () => this.abort(active), { once: true });
    });
  }

  /** Kills the worker; an attempt still running fails with `reason` (default: the exit's own error). */
  async kill(reason?: TaskError): Promise<void> {
    if (reason) this.killReason = serializeTaskError(reason);
    if (this.dead) return;
    const gone = await this.channel.kill(KILL_WAIT_MS);
    if (!gone && !this.dead) {
      this.dead = true;
      this.failCurrent(this.killReason ?? serializeTaskError(new Error('worker ignored termination')));
      this.events.gone(this, true);
    }
  }

  private abort(active: Active): void {
    const reason = active.deadline.signal.reason as TaskError;
    this.settle(active, { ok: false, error: serializeTaskError(reason) });
    try {
      this.channel.send({ t: 'abort', id: active.id, reason: serializeTaskError(reason) });
    } catch {
      // gone already: 'exit' handles it
    }
    this.graceTimer = setTimeout(() => void this.kill(), this.graceMs);
  }

  private onMessage(message: RunnerMessage): void {
    const active = this.current;
    if (!active || !('id' in message) || message.id !== active.id) return;
    if (message.t === 'log') {
      if (!active.settled) active.inv.logs.push(message.line);
    } else if (message.t === 'heartbeat') {
      if (!active.settled) active.inv.onHeartbeat(message.details);
    } else if (message.t === 'done') {
      active.inv.logs.addDropped(message.droppedLogs);
      this.settle(active, message.outcome);
      clearTimeout(this.graceTimer);
      this.current = undefined;
      this.channel.setRef(false);
      if (!this.dead) this.events.idle(this);
    }
  }

  private onOutput(stream: 'stdout' | 'stderr', line: string): void {
    const active = this.current;
    if (active && !active.settled) {
      active.inv.logs.push({
        ts: new Date().toISOString(),
        level: stream === 'stderr' ? 'warn' : 'info',
        msg: line,
        fields: { stream },
      });
    }
  }

  private onExit(info: ExitInfo): void {
    clearTimeout(this.graceTimer);
    this.dead = true;
    this.failCurrent(this.killReason ?? info.error);
    this.events.gone(this, false);
  }

  private failCurrent(error: TaskFailure): void {
    if (this.current) this.settle(this.current, { ok: false, error });
    this.current = undefined;
  }

  private settle(active: Active, outcome: Outcome): void {
    if (active.settled) return;
    active.settled = true;
    active.deadline.dispose();
    active.resolve(outcome);
  }
}
