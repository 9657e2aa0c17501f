import type { TaskFailure } from '../errors/serialize';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

/** One line a handler logged through ctx.logger, kept with the attempt. */
export interface LogLine {
  ts: string;
  level: LogLevel;
  msg: string;
  fields?: Record<string, unknown>;
}

/** One attempt of one task, as the executor asks for it. */
export interface ExecutionRequest {
  input: unknown;
  attempt: number;
  runId: string;
  taskId: string;
  taskKey: string;
  /** Overrides the task type's timeout; counted from when the handler starts. */
  timeoutMs?: number;
  /**
   * Heap limit for this attempt (thread and process isolation); overrides the
   * type's. Each distinct value gets its own warm pool.
   */
  memoryMb?: number;
  /** External cancel (shutdown, run cancelled). Its reason, if a task error, becomes the attempt's error. */
  signal?: AbortSignal;
  /** Called on every ctx.heartbeat(); throttle on your side if you write it somewhere. */
  onHeartbeat?(details?: unknown): void;
}

export type ExecutionResult =
  | { status: 'succeeded'; output: unknown; logs: LogLine[]; durationMs: number }
  | { status: 'failed'; error: TaskFailure; logs: LogLine[]; durationMs: number };
