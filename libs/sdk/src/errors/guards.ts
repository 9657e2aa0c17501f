import { TASK_ERROR_BRAND, isTaskErrorKind, type TaskErrorKind } from './error-kind';
import type {
  NonRetryableError,
  RateLimitedError,
  ResourceLimitError,
  RetryLaterError,
  TaskCancelledError,
  TaskError,
  TaskTimeoutError,
} from './task-errors';

/** The kind branded on a task error from any copy of the SDK, or undefined. */
export function taskErrorKind(value: unknown): TaskErrorKind | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const kind = (value as { [TASK_ERROR_BRAND]?: unknown })[TASK_ERROR_BRAND];
  return isTaskErrorKind(kind) ? kind : undefined;
}

export function isTaskError(value: unknown): value is TaskError {
  return taskErrorKind(value) !== undefined;
}

/** Also true for InputValidationError and OutputValidationError. */
export function isNonRetryableError(value: unknown): value is NonRetryableError {
  return taskErrorKind(value) === 'non_retryable';
}

export function isRetryLaterError(value: unknown): value is RetryLaterError {
  return taskErrorKind(value) === 'retry_later';
}

export function isRateLimitedError(value: unknown): value is RateLimitedError {
  return taskErrorKind(value) === 'rate_limited';
}

export function isTaskTimeoutError(value: unknown): value is TaskTimeoutError {
  return taskErrorKind(value) === 'timeout';
}

export function isResourceLimitError(value: unknown): value is ResourceLimitError {
  return taskErrorKind(value) === 'resource_limit';
}

export function isTaskCancelledError(value: unknown): value is TaskCancelledError {
  return taskErrorKind(value) === 'cancelled';
}
