import type { TaskFailure } from '../errors/serialize';
import type { LogBuffer, LogLimits } from '../execution/log-buffer';
import type { TaskRef } from '../task/task-context';

export type InvocationMode = 'run' | 'runBatch';

/** One call of a handler (one task, or one batch of tasks), as the host hands it to an isolate. */
export interface Invocation {
  taskType: string;
  mode: InvocationMode;
  /** The parsed input, or for runBatch the array of parsed inputs. */
  payload: unknown;
  /** One per task served: one for run, one per input for runBatch. */
  refs: TaskRef[];
  /** Armed when the handler starts, not while the call waits for a free worker. */
  timeoutMs: number;
  memoryMb: number;
  /** External cancel; aborting it settles the call with the reason. */
  signal?: AbortSignal;
  logs: LogBuffer;
  logLimits: LogLimits;
  /** Checked where the output is produced (mode 'run'), so an oversized one is never copied out of a worker. */
  maxOutputBytes?: number;
  onHeartbeat(details: unknown): void;
}

/** The handler's raw result (not yet validated) or its failure. */
export type Outcome = { ok: true; value: unknown } | { ok: false; error: TaskFailure };

export interface IsolateStats {
  mode: 'inline' | 'thread' | 'process';
  taskType?: string;
  memoryMb?: number;
  size: number;
  busy: number;
  idle: number;
  waiting: number;
  /** Workers that ignored termination (see README: thread isolation limits). */
  zombies: number;
}

/** Runs invocations somewhere: on the event loop, in worker threads, or in child processes. */
export interface Isolate {
  invoke(invocation: Invocation): Promise<Outcome>;
  /** Starts one worker ahead of the first task; rejects (PluginLoadError) if the plugin cannot load there. */
  warmUp(): Promise<void>;
  stats(): IsolateStats;
  close(): Promise<void>;
}
