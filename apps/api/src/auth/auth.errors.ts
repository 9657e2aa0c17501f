/**
 * Why a request was refused before it reached its handler; the HTTP error
 * filter maps each code to its status, as it does for domain errors.
 */
export abstract class AuthError extends Error {
  abstract readonly code: 'unauthenticated' | 'forbidden' | 'rate_limited';

  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

/** No key, a malformed key, an unknown or revoked key, or a wrong secret: all look the same to the caller. */
export class UnauthenticatedError extends AuthError {
  readonly code = 'unauthenticated';
}

export class ForbiddenError extends AuthError {
  readonly code = 'forbidden';
}

export class RateLimitedError extends AuthError {
  readonly code = 'rate_limited';

  constructor(
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super(message);
  }
}
