import { serializeTaskError } from '../errors/serialize';
import { TaskCancelledError } from '../errors/task-errors';
import type { AnyTaskType } from '../task/task-type';
import { callHandler } from './call-handler';
import { raceAbort, startDeadline } from './deadline';
import type { Invocation, Isolate, IsolateStats, Outcome } from './invocation';
import { createTaskContext } from './task-context-factory';

/**
 * Runs handlers on the host's event loop. The timeout aborts ctx.signal and
 * the host stops waiting at once; a handler that ignores the signal cannot be
 * stopped and runs on, unobserved (its later logs and heartbeats are dropped).
 */
export class InlineIsolate implements Isolate {
  private readonly running = new Set<AbortController>();

  constructor(private readonly tasks: ReadonlyMap<string, AnyTaskType>) {}

  async invoke(inv: Invocation): Promise<Outcome> {
    const task = this.tasks.get(inv.taskType);
    if (!task) throw new Error(`InlineIsolate: unknown task type ${inv.taskType}`);
    const closing = new AbortController();
    const deadline = startDeadline(inv.taskType, inv.timeoutMs, inv.signal, closing.signal);
    const { ctx, close } = createTaskContext(inv.taskType, inv.refs, deadline.signal, {
      log: (line) => inv.logs.push(line),
      heartbeat: (details) => inv.onHeartbeat(details),
    });
    this.running.add(closing);
    try {
      const value = await raceAbort(callHandler(task, inv.mode, inv.payload, ctx), deadline.signal);
      return { ok: true, value };
    } catch (error) {
      return { ok: false, error: serializeTaskError(deadline.signal.aborted ? deadline.signal.reason : error) };
    } finally {
      close();
      deadline.dispose();
      this.running.delete(closing);
    }
  }

  async warmUp(): Promise<void> {}

  stats(): IsolateStats {
    return { mode: 'inline', size: 0, busy: this.running.size, idle: 0, waiting: 0, zombies: 0 };
  }

  async close(): Promise<void> {
    for (const controller of this.running) controller.abort(new TaskCancelledError('task host closed'));
  }
}
