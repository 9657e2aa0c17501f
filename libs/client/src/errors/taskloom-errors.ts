import type { ApiErrorBody } from '../api-types';

/** Every error this package throws; `instanceof TaskloomClientError` catches them all. */
export class TaskloomClientError extends Error {
  override name = 'TaskloomClientError';
}

/** The api answered with an error status; `body` is its `{ statusCode, error, message, details? }`. */
export class TaskloomApiError extends TaskloomClientError {
  override name = 'TaskloomApiError';

  constructor(
    readonly status: number,
    readonly body: ApiErrorBody,
    /** Seconds the api asked to wait before trying again (429, 503), when it said. */
    readonly retryAfterSeconds?: number,
  ) {
    super(`${status} ${body.error}: ${body.message}`);
  }

  /** The api's error class, e.g. `ValidationError`, `InvalidDefinition`, `NotFoundError`. */
  get code(): string {
    return this.body.error;
  }
}

export class BadRequestError extends TaskloomApiError {
  override name = 'BadRequestError';
}
export class UnauthorizedError extends TaskloomApiError {
  override name = 'UnauthorizedError';
}
export class ForbiddenError extends TaskloomApiError {
  override name = 'ForbiddenError';
}
export class NotFoundError extends TaskloomApiError {
  override name = 'NotFoundError';
}
export class ConflictError extends TaskloomApiError {
  override name = 'ConflictError';
}
export class PayloadTooLargeError extends TaskloomApiError {
  override name = 'PayloadTooLargeError';
}
/** 429 after the client's retries ran out, or with a Retry-After longer than it may wait. */
export class TooManyRequestsError extends TaskloomApiError {
  override name = 'TooManyRequestsError';
}
/** 503 (PostgreSQL or Redis out of reach) after the client's retries ran out. */
export class ServiceUnavailableError extends TaskloomApiError {
  override name = 'ServiceUnavailableError';
}

/** No HTTP answer at all: refused connection, DNS failure, reset. */
export class TaskloomConnectionError extends TaskloomClientError {
  override name = 'TaskloomConnectionError';

  constructor(
    readonly url: string,
    cause: unknown,
  ) {
    super(`cannot reach the Taskloom api at ${url}: ${describeCause(cause)}`, { cause });
  }
}

/** waitForRun's timeout passed before the run finished. */
export class RunWaitTimeoutError extends TaskloomClientError {
  override name = 'RunWaitTimeoutError';

  constructor(
    readonly runId: string,
    readonly timeoutMs: number,
  ) {
    super(`run ${runId} did not finish within ${timeoutMs} ms`);
  }
}

function describeCause(cause: unknown): string {
  if (!(cause instanceof Error)) return String(cause);
  const inner = (cause as { cause?: unknown }).cause;
  return inner instanceof Error ? inner.message : cause.message;
}
