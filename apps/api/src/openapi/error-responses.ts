import { ApiResponse, type HeadersObject } from '@nestjs/swagger';
import { z } from 'zod';
import { openApiSchemaOf } from './openapi-schema';

/**
 * The one error body of the API, as HttpErrorFilter writes it for every
 * refusal (domain errors, validation, Fastify's own 413/415, 503). Every
 * error response of the document references it.
 */
export const ErrorBodySchema = z
  .object({
    statusCode: z.int().min(400).max(599).describe('The HTTP status, repeated.'),
    error: z.string().describe('The error class, e.g. ValidationError, InvalidDefinition, NotFoundError.'),
    message: z.string().describe('What went wrong, for a human.'),
    details: z
      .unknown()
      .optional()
      .describe('For validation errors: `[{ path, message }]`, one item per offending field.'),
  })
  .meta({
    id: 'Error',
    example: {
      statusCode: 400,
      error: 'ValidationError',
      message: 'priority: Invalid option: expected one of "critical"|"high"|"normal"|"low"',
      details: [{ path: 'priority', message: 'Invalid option: expected one of "critical"|"high"|"normal"|"low"' }],
    },
  });

export type ErrorStatus = 400 | 401 | 403 | 404 | 409 | 413 | 415 | 429 | 503;

const RETRY_AFTER = {
  'Retry-After': {
    description: 'Seconds to wait before trying again.',
    required: true,
    schema: { type: 'integer' as const, minimum: 1 },
  },
};

const WWW_AUTHENTICATE = {
  'WWW-Authenticate': { description: 'Always `Bearer`.', required: true, schema: { type: 'string' as const } },
};

/** Statuses whose answer carries a header a client must act on. */
const HEADERS_OF: Partial<Record<ErrorStatus, HeadersObject>> = {
  401: WWW_AUTHENTICATE,
  429: RETRY_AFTER,
  503: RETRY_AFTER,
};

/** One documented error answer: the shared Error body, the status's headers and why this operation gives it. */
export function ApiErrorResponse(status: ErrorStatus, description: string): MethodDecorator & ClassDecorator {
  return ApiResponse({
    status,
    description,
    content: { 'application/json': { schema: openApiSchemaOf(ErrorBodySchema, 'output') } },
    headers: HEADERS_OF[status],
  });
}

/** What any operation of a kind may answer, worded once; an operation's own reasons come first. */
export const COMMON_ERRORS = {
  invalid: 'The request is invalid; `details` names every offending field.',
  unauthenticated: 'No valid API key (only with AUTH_ENABLED=true).',
  forbidden: (scope: string) => `The API key lacks the \`${scope}\` scope.`,
  payloadTooLarge: 'The body is over API_BODY_LIMIT bytes.',
  unsupportedMediaType: 'The body is not `application/json`.',
  rateLimited: 'More than API_RATE_LIMIT requests a minute from this API key (or address).',
  unavailable: 'PostgreSQL or Redis is out of reach for now; try again after Retry-After.',
} as const;
