import { isTaskErrorKind, type TaskErrorKind } from './error-kind';
import { taskErrorKind } from './guards';
import {
  NonRetryableError,
  RateLimitedError,
  ResourceLimitError,
  RetryLaterError,
  TaskCancelledError,
  TaskError,
  TaskTimeoutError,
} from './task-errors';

/**
 * How a task failed, as plain JSON: the one shape that crosses threads,
 * processes, the queue, the orchestrator and the database (a task's and a
 * run's `error`). A handler's failure carries its kind and retryability;
 * one Taskloom records itself (a template that did not render, a run whose
 * tasks failed, a lost queue job) may carry only a name and a message.
 */
export interface TaskFailure {
  name: string;
  message: string;
  /** Absent: Taskloom's own failure, judged by whoever records it (retryable unless it says otherwise). */
  kind?: TaskErrorKind;
  retryable?: boolean;
  /** For retry_later and rate_limited: the earliest next attempt, from now. */
  retryAfterMs?: number;
  stack?: string;
  cause?: TaskFailure;
  /** The tasks a run's failure names (TasksFailed). */
  tasks?: string[];
}

/** Any thrown value as a failure Taskloom records itself: its name and message only. */
export function describeFailure(error: unknown): TaskFailure {
  if (error instanceof Error) return { name: error.name, message: error.message };
  return { name: 'Error', message: String(error) };
}

const MAX_CAUSE_DEPTH = 5;
const MAX_MESSAGE_CHARS = 4_096;
const MAX_STACK_CHARS = 8_192;

/**
 * Any thrown value to a TaskFailure. Branded task errors (from any SDK
 * copy) keep their kind; anything else is a plain retryable failure.
 */
export function serializeTaskError(error: unknown, depth = 0): TaskFailure {
  const kind = taskErrorKind(error) ?? 'retryable';
  const serialized: TaskFailure = {
    name: errorName(error),
    message: clip(errorMessage(error), MAX_MESSAGE_CHARS),
    kind,
    retryable: kind !== 'non_retryable',
  };
  const retryAfterMs = retryAfter(error, kind);
  if (retryAfterMs !== undefined) serialized.retryAfterMs = retryAfterMs;
  if (error instanceof Error && typeof error.stack === 'string') serialized.stack = clip(error.stack, MAX_STACK_CHARS);
  const cause = (error as { cause?: unknown } | null)?.cause;
  if (cause !== undefined && depth < MAX_CAUSE_DEPTH) serialized.cause = serializeTaskError(cause, depth + 1);
  return serialized;
}

/** True when the value has the TaskFailure shape (e.g. read back from JSON); kind and retryable, when present, are valid. */
export function isTaskFailure(value: unknown): value is TaskFailure {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Partial<TaskFailure>;
  return (
    typeof v.name === 'string' &&
    typeof v.message === 'string' &&
    (v.kind === undefined || isTaskErrorKind(v.kind)) &&
    (v.retryable === undefined || typeof v.retryable === 'boolean')
  );
}

/** Rebuilds a branded TaskError of the right class, keeping name, stack and cause. */
export function deserializeTaskError(serialized: TaskFailure): TaskError {
  const cause = serialized.cause ? deserializeTaskError(serialized.cause) : undefined;
  const error = construct(serialized, cause);
  error.name = serialized.name;
  if (serialized.stack !== undefined) error.stack = serialized.stack;
  return error;
}

function construct(s: TaskFailure, cause: TaskError | undefined): TaskError {
  const delay = s.retryAfterMs ?? 0;
  switch (s.kind ?? 'retryable') {
    case 'non_retryable':
      return new NonRetryableError(s.message, { cause });
    case 'retry_later':
      return new RetryLaterError(s.message, { cause, delayMs: delay });
    case 'rate_limited':
      return new RateLimitedError(s.message, { cause, retryAfterMs: delay });
    case 'timeout':
      return new TaskTimeoutError(s.message, { cause });
    case 'resource_limit':
      return new ResourceLimitError(s.message, { cause });
    case 'cancelled':
      return new TaskCancelledError(s.message, { cause });
    case 'retryable':
      return new TaskError(s.message, { cause });
  }
}

function retryAfter(error: unknown, kind: TaskErrorKind): number | undefined {
  const e = error as { delayMs?: unknown; retryAfterMs?: unknown };
  const value = kind === 'retry_later' ? e.delayMs : kind === 'rate_limited' ? e.retryAfterMs : undefined;
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

function errorName(error: unknown): string {
  if (
    error instanceof Error ||
    (typeof error === 'object' && error !== null && typeof (error as Error).name === 'string')
  ) {
    return (error as Error).name || 'Error';
  }
  return 'NonErrorThrown';
}

function errorMessage(error: unknown): string {
  if (typeof error === 'object' && error !== null && typeof (error as Error).message === 'string')
    return (error as Error).message;
  if (typeof error === 'string') return error;
  try {
    return `a non-Error value was thrown: ${JSON.stringify(error) ?? String(error)}`;
  } catch {
    return `a non-Error value was thrown: ${String(error)}`;
  }
}

function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max)}… (${text.length - max} more characters)`;
}
