import { isTaskError } from '../errors/guards';
import { TaskCancelledError, TaskTimeoutError, type TaskError } from '../errors/task-errors';

export interface Deadline {
  /** Aborts at the timeout (TaskTimeoutError) or on external cancel (a TaskError reason). */
  readonly signal: AbortSignal;
  dispose(): void;
}

/** The attempt's own signal: its timeout and the caller's cancel in one. */
export function startDeadline(taskType: string, timeoutMs: number, external?: AbortSignal): Deadline {
  const controller = new AbortController();
  const onCancel = (): void => controller.abort(cancelReason(external?.reason));
  const timer = setTimeout(
    () => controller.abort(new TaskTimeoutError(`${taskType} timed out after ${timeoutMs} ms`)),
    timeoutMs,
  );
  if (external?.aborted) onCancel();
  else external?.addEventListener('abort', onCancel, { once: true });
  return {
    signal: controller.signal,
    dispose: () => {
      clearTimeout(timer);
      external?.removeEventListener('abort', onCancel);
    },
  };
}

/** A task error as the reason passes through; anything else becomes a TaskCancelledError keeping it as cause. */
export function cancelReason(reason: unknown): TaskError {
  if (isTaskError(reason)) return reason;
  const why = reason instanceof Error ? reason.message : reason === undefined ? 'no reason given' : String(reason);
  return new TaskCancelledError(`attempt cancelled: ${why}`, { cause: reason });
}

/** Settles with the handler's promise, or rejects with the signal's reason as soon as it aborts. */
export function raceAbort<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason as Error);
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(signal.reason as Error);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error as Error);
      },
    );
  });
}
