import { HttpStatus } from '@nestjs/common';
import {
  ConflictError,
  NotFoundError,
  OverloadedError,
  ValidationError,
  type TaskloomError,
} from '@taskloom/orchestrator';
import { ForbiddenError, RateLimitedError, UnauthenticatedError } from '../auth/auth.errors';

type ErrorClass = abstract new (...args: never[]) => TaskloomError;

/** Every Taskloom error class the API answers, with its HTTP status: the only such table. */
const STATUS_OF: readonly (readonly [ErrorClass, number])[] = [
  [NotFoundError, HttpStatus.NOT_FOUND],
  [ValidationError, HttpStatus.BAD_REQUEST],
  [ConflictError, HttpStatus.CONFLICT],
  [OverloadedError, HttpStatus.TOO_MANY_REQUESTS],
  [UnauthenticatedError, HttpStatus.UNAUTHORIZED],
  [ForbiddenError, HttpStatus.FORBIDDEN],
  [RateLimitedError, HttpStatus.TOO_MANY_REQUESTS],
];

export interface HttpAnswer {
  statusCode: number;
  headers: Record<string, string>;
}

/** The status and headers a domain error is answered with; undefined for an error class the table does not know. */
export function httpAnswerOf(error: TaskloomError): HttpAnswer | undefined {
  const entry = STATUS_OF.find(([errorClass]) => error instanceof errorClass);
  if (!entry) return undefined;
  const headers: Record<string, string> = {};
  if (error instanceof UnauthenticatedError) headers['WWW-Authenticate'] = 'Bearer';
  if (error instanceof OverloadedError || error instanceof RateLimitedError)
    headers['Retry-After'] = String(error.retryAfterSeconds);
  return { statusCode: entry[1], headers };
}

/** The JSON body every refusal is answered with (ErrorBodySchema). */
export interface ErrorBody {
  statusCode: number;
  error: string;
  message: string;
  details?: unknown;
}

/** A domain error as its own request would have been answered: the body, and the headers to send with it. */
export function errorAnswerOf(error: TaskloomError): { body: ErrorBody; headers: Record<string, string> } | undefined {
  const answer = httpAnswerOf(error);
  if (!answer) return undefined;
  return {
    body: { statusCode: answer.statusCode, error: error.name, message: error.message, details: error.details },
    headers: answer.headers,
  };
}
