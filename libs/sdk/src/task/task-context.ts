/** Structured log fields: plain JSON, kept with the attempt. */
export type LogFields = Record<string, unknown>;

/** Log lines written here are kept with the attempt (bounded in count and bytes). */
export interface TaskLogger {
  debug(msg: string, fields?: LogFields): void;
  info(msg: string, fields?: LogFields): void;
  warn(msg: string, fields?: LogFields): void;
  error(msg: string, fields?: LogFields): void;
}

/** Which task and attempt a handler call serves. */
export interface TaskRef {
  attempt: number;
  runId: string;
  taskId: string;
  taskKey: string;
}

/** What a handler gets besides its input. */
export interface TaskContext extends TaskRef {
  /**
   * Aborts at the attempt's timeout (reason: TaskTimeoutError) or when the
   * executor cancels it (reason: TaskCancelledError). Pass it to fetch and
   * friends, or check `signal.aborted` in loops.
   */
  signal: AbortSignal;
  logger: TaskLogger;
  /** Tells the executor the attempt is alive; `details` (JSON) is kept as progress. */
  heartbeat(details?: unknown): void;
  taskType: string;
}

/**
 * A batch handler's context. `attempt`, `runId`, `taskId` and `taskKey` are the
 * first item's; `items[i]` is the task behind `inputs[i]`.
 */
export interface BatchTaskContext extends TaskContext {
  items: readonly TaskRef[];
}
