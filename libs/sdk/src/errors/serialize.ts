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

/** A task error as plain JSON: what crosses threads, processes, queues and the database. */
export interface SerializedTaskError {
  name: string;
  message: string;
  kind: TaskErrorKind;
  retryable: boolean;
  /** For retry_later and rate_limited: the earliest next attempt, from now. */
  retryAfterMs?: number;
  stack?: string;
  cause?: SerializedTaskError;
}

const MAX_CAUSE_DEPTH = 5;
const MAX_MESSAGE_CHARS = 4_096;
const MAX_STACK_CHARS = 8_192;

/**
 * Any thrown value to a SerializedTaskError. Branded task errors (from any SDK
 * copy) keep their kind; anything else is a plain retryable failure.
 */
export function serializeTaskError(error: unknown, depth = 0): SerializedTaskError {
  const kind = taskErrorKind(error) ?? 'retryable';
  const serialized: SerializedTaskError = {
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

/** True when the value has the SerializedTaskError shape (e.g. read back from JSON). */
export function isSerializedTaskError(value: unknown): value is SerializedTaskError {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Partial<SerializedTaskError>;
  return (
    typeof v.name === 'string' &&
    typeof v.message === 'string' &&
    isTaskErrorKind(v.kind) &&
    typeof v.retryable === 'boolean'
  );
}

/** Rebuilds a branded TaskError of the right class, keeping name, stack and cause. */
export function deserializeTaskError(serialized: SerializedTaskError): TaskError {
  const cause = serialized.cause ? deserializeTaskError(serialized.cause) : undefined;
  const error = construct(serialized, cause);
  error.name = serialized.name;
  if (serialized.stack !== undefined) error.stack = serialized.stack;
  return error;
}

function construct(s: SerializedTaskError, cause: TaskError | undefined): TaskError {
  const delay = s.retryAfterMs ?? 0;
  switch (s.kind) {
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
