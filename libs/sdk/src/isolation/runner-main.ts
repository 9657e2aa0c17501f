import { deserializeTaskError, serializeTaskError } from '../errors/serialize';
import { OutputValidationError } from '../errors/task-errors';
import { PluginLoadError } from '../errors/sdk-errors';
import { LogBuffer } from '../execution/log-buffer';
import { exceedsJsonBytes } from '../execution/output-size';
import { outputTooLarge } from '../execution/validation';
import { loadPluginSync } from '../plugin/load-plugin';
import type { AnyTaskType } from '../task/task-type';
import { callHandler } from './call-handler';
import { captureConsole, type ConsoleSink } from './console-capture';
import type { Outcome } from './invocation';
import type { HostMessage, RunnerInit, RunnerMessage } from './protocol';
import { createTaskContext } from './task-context-factory';

export interface RunnerTransport {
  send(message: RunnerMessage): void;
  onMessage(listener: (message: HostMessage) => void): void;
}

/**
 * The inside of a worker thread or child process: loads the plugin once,
 * then runs one invocation per 'run' message until it is terminated.
 */
export function startRunner(init: RunnerInit, transport: RunnerTransport): void {
  let task: AnyTaskType;
  try {
    task = findTaskType(init);
  } catch (error) {
    transport.send({ t: 'init-error', error: serializeTaskError(error) });
    return;
  }
  const state: RunnerState = { active: new Map() };
  captureConsole(() => state.console);
  transport.onMessage((message) => {
    if (message.t === 'abort') state.active.get(message.id)?.abort(deserializeTaskError(message.reason));
    if (message.t === 'run') void run(task, message, state, transport);
  });
  transport.send({ t: 'ready' });
}

interface RunnerState {
  active: Map<number, AbortController>;
  /** Where console.* goes while an invocation runs (one at a time per worker). */
  console?: ConsoleSink;
}

function findTaskType(init: RunnerInit): AnyTaskType {
  const plugin = loadPluginSync(init.pluginPath);
  const task = plugin.tasks.find((t) => t.type === init.taskType);
  if (!task) {
    const known = plugin.tasks.map((t) => t.type).join(', ');
    throw new PluginLoadError(
      `plugin "${plugin.name}" loaded from ${init.pluginPath} has no task type "${init.taskType}" (it has: ${known})`,
    );
  }
  return task;
}

async function run(
  task: AnyTaskType,
  message: Extract<HostMessage, { t: 'run' }>,
  state: RunnerState,
  transport: RunnerTransport,
): Promise<void> {
  const controller = new AbortController();
  state.active.set(message.id, controller);
  const logs = new LogBuffer(message.logLimits);
  const { ctx, close } = createTaskContext(task.type, message.refs, controller.signal, {
    log: (line) => {
      if (logs.push(line)) transport.send({ t: 'log', id: message.id, line });
    },
    heartbeat: (details) => transport.send({ t: 'heartbeat', id: message.id, details }),
  });
  state.console = (level, msg) => ctx.logger[level](msg);
  let outcome: Outcome;
  try {
    const value = await callHandler(task, message.mode, message.payload, ctx);
    outcome =
      message.mode === 'run' && message.maxOutputBytes !== undefined && exceedsJsonBytes(value, message.maxOutputBytes)
        ? { ok: false, error: serializeTaskError(outputTooLarge(task.type, message.maxOutputBytes)) }
        : { ok: true, value };
  } catch (error) {
    outcome = { ok: false, error: serializeTaskError(controller.signal.aborted ? controller.signal.reason : error) };
  } finally {
    close();
    state.active.delete(message.id);
    state.console = undefined;
  }
  try {
    transport.send({ t: 'done', id: message.id, outcome, droppedLogs: logs.droppedCount });
  } catch (error) {
    const unsendable = new OutputValidationError(
      `output of ${task.type} cannot leave the worker: ${(error as Error).message}`,
      { cause: error },
    );
    transport.send({
      t: 'done',
      id: message.id,
      outcome: { ok: false, error: serializeTaskError(unsendable) },
      droppedLogs: logs.droppedCount,
    });
  }
}
