import type { LogLine, LogLevel } from '../execution/execution-types';
import type { BatchTaskContext, LogFields, TaskContext, TaskLogger, TaskRef } from '../task/task-context';
import { toJsonSafe } from './json-safe';

const MAX_MSG_CHARS = 8_192;

export interface ContextSinks {
  log(line: LogLine): void;
  heartbeat(details: unknown): void;
}

/**
 * The ctx a handler gets, wherever it runs (inline, thread, process), so the
 * three behave alike. Sinks go quiet once `close()` is called: a handler still
 * running after its attempt ended cannot write into a finished attempt.
 */
export function createTaskContext(
  taskType: string,
  refs: readonly TaskRef[],
  signal: AbortSignal,
  sinks: ContextSinks,
): { ctx: BatchTaskContext; close(): void } {
  let open = true;
  const write = (level: LogLevel) => (msg: string, fields?: LogFields) => {
    if (!open) return;
    const line: LogLine = { ts: new Date().toISOString(), level, msg: clip(String(msg)) };
    const safe = fields === undefined ? undefined : toJsonSafe(fields);
    if (safe !== undefined)
      line.fields = (typeof safe === 'object' && safe !== null ? safe : { value: safe }) as Record<string, unknown>;
    sinks.log(line);
  };
  const logger: TaskLogger = { debug: write('debug'), info: write('info'), warn: write('warn'), error: write('error') };
  const first = refs[0] ?? { attempt: 1, runId: '', taskId: '', taskKey: '' };
  const ctx: BatchTaskContext = {
    ...first,
    taskType,
    signal,
    logger,
    heartbeat: (details?: unknown) => {
      if (open) sinks.heartbeat(toJsonSafe(details));
    },
    items: refs,
  };
  return {
    ctx,
    close: () => {
      open = false;
    },
  };
}

/** A single-task handler's view of the same context. */
export function singleContext(ctx: BatchTaskContext): TaskContext {
  const { items: _items, ...single } = ctx;
  return single;
}

function clip(msg: string): string {
  return msg.length <= MAX_MSG_CHARS
    ? msg
    : `${msg.slice(0, MAX_MSG_CHARS)}… (${msg.length - MAX_MSG_CHARS} more characters)`;
}
