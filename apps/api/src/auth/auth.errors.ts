import { TaskloomError } from '@taskloom/orchestrator';

/** No key, a malformed key, an unknown or revoked key, or a wrong secret: all look the same to the caller. */
export class UnauthenticatedError extends TaskloomError {}

/** A known caller without the scope, or the tenant, the request needs. */
export class ForbiddenError extends TaskloomError {}

/** Too many failed authentications from one client: it may try again after `retryAfterSeconds`. */
export class RateLimitedError extends TaskloomError {
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super(message);
  }
}
