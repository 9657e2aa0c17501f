import { TaskloomError } from '@taskloom/orchestrator';

/** No key, a malformed key, an unknown or revoked key, or a wrong secret: all look the same to the caller. */
export class UnauthenticatedError extends TaskloomError {
  readonly code = 'unauthenticated';
}

export class ForbiddenError extends TaskloomError {
  readonly code = 'forbidden';
}

export class RateLimitedError extends TaskloomError {
  readonly code = 'rate_limited';

  constructor(
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super(message);
  }
}
