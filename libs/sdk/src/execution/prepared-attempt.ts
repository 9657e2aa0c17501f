import type { LogLimits } from './log-buffer';
import type { AnyTaskType } from '../task/task-type';
import type { TaskRef } from '../task/task-context';
import type { ExecutionRequest } from './execution-types';

/** An attempt whose input passed validation, with its effective limits. */
export interface PreparedAttempt {
  task: AnyTaskType;
  req: ExecutionRequest;
  input: unknown;
  timeoutMs: number;
  memoryMb: number;
  logLimits: LogLimits;
  /** Largest output accepted (TaskHost `maxOutputBytes`); unbounded when absent. */
  maxOutputBytes?: number;
  /** performance.now() at execute(). */
  startedAt: number;
}

export function refOf(req: ExecutionRequest): TaskRef {
  return { attempt: req.attempt, runId: req.runId, taskId: req.taskId, taskKey: req.taskKey };
}

/** The caller's heartbeat callback, which must never fail an attempt. */
export function heartbeatOf(req: ExecutionRequest): (details: unknown) => void {
  return (details) => {
    try {
      req.onHeartbeat?.(details);
    } catch {
      // a failing heartbeat sink is the caller's problem, not the task's
    }
  };
}
