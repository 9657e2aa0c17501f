export interface ErrorDetail {
  path: string;
  message: string;
}

/**
 * Domain errors, and the API's refusals of a caller; the API maps each code
 * to one HTTP status in a single exception filter, so services never think
 * in status codes.
 */
export abstract class TaskloomError extends Error {
  abstract readonly code:
    'not_found' | 'invalid' | 'conflict' | 'overloaded' | 'unauthenticated' | 'forbidden' | 'rate_limited';

  constructor(
    message: string,
    readonly details?: ErrorDetail[],
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class NotFoundError extends TaskloomError {
  readonly code = 'not_found';
}

export class ValidationError extends TaskloomError {
  readonly code = 'invalid';
}

export class ConflictError extends TaskloomError {
  readonly code = 'conflict';
}

export class OverloadedError extends TaskloomError {
  readonly code = 'overloaded';

  constructor(
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super(message);
  }
}
