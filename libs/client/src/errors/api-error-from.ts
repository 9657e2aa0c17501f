import type { ApiErrorBody } from '../api-types';
import { parseRetryAfter } from '../http/retry-after';
import {
  BadRequestError,
  ConflictError,
  ForbiddenError,
  NotFoundError,
  PayloadTooLargeError,
  ServiceUnavailableError,
  TaskloomApiError,
  TooManyRequestsError,
  UnauthorizedError,
} from './taskloom-errors';

const BY_STATUS: Record<number, typeof TaskloomApiError> = {
  400: BadRequestError,
  401: UnauthorizedError,
  403: ForbiddenError,
  404: NotFoundError,
  409: ConflictError,
  413: PayloadTooLargeError,
  429: TooManyRequestsError,
  503: ServiceUnavailableError,
};

/** The typed exception for an error response; a body that is not the api's error shape (a proxy's page) is kept as its message. */
export function apiErrorFrom(response: Response, body: unknown): TaskloomApiError {
  const ErrorClass = BY_STATUS[response.status] ?? TaskloomApiError;
  const retryAfterMs = parseRetryAfter(response.headers.get('retry-after'));
  return new ErrorClass(
    response.status,
    asErrorBody(response, body),
    retryAfterMs === undefined ? undefined : Math.ceil(retryAfterMs / 1000),
  );
}

function asErrorBody(response: Response, body: unknown): ApiErrorBody {
  if (typeof body === 'object' && body !== null && typeof (body as ApiErrorBody).message === 'string') {
    const shaped = body as Partial<ApiErrorBody>;
    return { statusCode: response.status, error: shaped.error ?? 'HttpError', message: shaped.message!, ...shaped };
  }
  const text = typeof body === 'string' && body.length > 0 ? body.slice(0, 500) : response.statusText;
  return { statusCode: response.status, error: 'HttpError', message: text || `HTTP ${response.status}` };
}
