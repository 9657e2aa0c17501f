import type { TaskFailure } from '../errors/serialize';
import type { LogLine } from '../execution/execution-types';
import type { LogLimits } from '../execution/log-buffer';
import type { TaskRef } from '../task/task-context';
import type { InvocationMode, Outcome } from './invocation';

/**
 * Messages between a TaskHost and its worker threads / child processes.
 * One invocation at a time per worker; `id` tells a late message of an
 * abandoned invocation from the current one.
 */
export type HostMessage =
  | {
      t: 'run';
      id: number;
      taskType: string;
      mode: InvocationMode;
      payload: unknown;
      refs: TaskRef[];
      logLimits: LogLimits;
      maxOutputBytes?: number;
    }
  | { t: 'abort'; id: number; reason: TaskFailure };

export type RunnerMessage =
  | { t: 'ready' }
  | { t: 'init-error'; error: TaskFailure }
  | { t: 'log'; id: number; line: LogLine }
  | { t: 'heartbeat'; id: number; details: unknown }
  | { t: 'done'; id: number; outcome: Outcome; droppedLogs: number }
  | { t: 'crash'; error: TaskFailure };

/** What a runner is told at start: which plugin to load and which task type it serves. */
export interface RunnerInit {
  pluginPath: string;
  taskType: string;
}

export function isRunnerMessage(value: unknown): value is RunnerMessage {
  return typeof value === 'object' && value !== null && typeof (value as { t?: unknown }).t === 'string';
}
