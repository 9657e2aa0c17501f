import { TASK_ERROR_BRAND, type TaskErrorKind } from './error-kind';

export interface TaskErrorOptions {
  cause?: unknown;
}

/**
 * Base task failure: the attempt failed and may be retried under the task's
 * retry policy. Throw a subclass to say more (see each class). Never check
 * these with `instanceof` across the plugin boundary: use the `is…Error`
 * guards, which read the `Symbol.for('taskloom.error')` brand.
 */
export class TaskError extends Error {
  declare readonly [TASK_ERROR_BRAND]: TaskErrorKind;

  constructor(message: string, options: TaskErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    Object.defineProperty(this, TASK_ERROR_BRAND, { value: this.defaultKind(), enumerable: false });
  }

  /** The kind this error reports; fixed per class. */
  get kind(): TaskErrorKind {
    return this[TASK_ERROR_BRAND];
  }

  /** Whether another attempt may succeed. */
  get retryable(): boolean {
    return this.kind !== 'non_retryable';
  }

  protected defaultKind(): TaskErrorKind {
    return 'retryable';
  }
}

/** Fail the task now: no further attempts whatever the retry policy says. */
export class NonRetryableError extends TaskError {
  protected override defaultKind(): TaskErrorKind {
    return 'non_retryable';
  }
}

/** Retry, but not before `delayMs` (overrides the backoff for this attempt). */
export class RetryLaterError extends TaskError {
  readonly delayMs: number;

  constructor(message: string, options: TaskErrorOptions & { delayMs: number }) {
    super(message, options);
    this.delayMs = nonNegative(options.delayMs, 'delayMs');
  }

  protected override defaultKind(): TaskErrorKind {
    return 'retry_later';
  }
}

/** A downstream service said "slow down": retry after `retryAfterMs`. */
export class RateLimitedError extends TaskError {
  readonly retryAfterMs: number;

  constructor(message: string, options: TaskErrorOptions & { retryAfterMs: number }) {
    super(message, options);
    this.retryAfterMs = nonNegative(options.retryAfterMs, 'retryAfterMs');
  }

  protected override defaultKind(): TaskErrorKind {
    return 'rate_limited';
  }
}

/** The attempt ran past its timeout. Retryable: the next attempt may be faster. */
export class TaskTimeoutError extends TaskError {
  protected override defaultKind(): TaskErrorKind {
    return 'timeout';
  }
}

/** The attempt went over its memory limit (heap or RSS). Retryable. */
export class ResourceLimitError extends TaskError {
  protected override defaultKind(): TaskErrorKind {
    return 'resource_limit';
  }
}

/**
 * The attempt was stopped from outside (shutdown, run cancelled, host closed).
 * Retryable by default, since the task itself did not fail; the executor knows
 * why it cancelled and decides.
 */
export class TaskCancelledError extends TaskError {
  protected override defaultKind(): TaskErrorKind {
    return 'cancelled';
  }
}

/** The input did not match the task type's input schema. */
export class InputValidationError extends NonRetryableError {}

/** The handler returned something that does not match the output schema. */
export class OutputValidationError extends NonRetryableError {}

/** The handler's output is larger than the host allows (TaskHost `maxOutputBytes`); checked where it was produced. */
export class OutputTooLargeError extends NonRetryableError {}

function nonNegative(value: number, field: string): number {
  if (!Number.isFinite(value) || value < 0) {
    throw new TypeError(`${field} must be a finite number >= 0, got ${String(value)}`);
  }
  return value;
}
