export interface ErrorDetail {
  path: string;
  message: string;
}

/**
 * What went wrong in the domain's terms, with no notion of a transport: the
 * API maps each class to an HTTP status in one place
 * (apps/api/src/common/http-status.ts), other callers read the class.
 */
export abstract class TaskloomError extends Error {
  constructor(
    message: string,
    readonly details?: ErrorDetail[],
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** The thing asked for does not exist, or the caller may not see it. */
export class NotFoundError extends TaskloomError {}

/** The request itself is wrong: sending it again unchanged fails the same way. */
export class ValidationError extends TaskloomError {}

/** The request is fine but the thing is not in a state that allows it (retrying a running run). */
export class ConflictError extends TaskloomError {}

/** The system is busy: the same request may succeed after `retryAfterSeconds`. */
export class OverloadedError extends TaskloomError {
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super(message);
  }
}
