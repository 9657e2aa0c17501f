import { applyDecorators } from '@nestjs/common';
import { ApiBody, ApiOperation, ApiParam, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { z } from 'zod';
import { Public } from '../auth/public.decorator';
import { RequireScope, type ApiScope } from '../auth/require-scope.decorator';
import { ApiErrorResponse, COMMON_ERRORS, type ErrorStatus } from './error-responses';
import { openApiSchemaOf } from './openapi-schema';

export type ApiTag = 'workflows' | 'runs' | 'schedules' | 'events' | 'task types' | 'admin' | 'health' | 'schemas';

type SuccessStatus = 200 | 201 | 202 | 204;

export interface OperationSpec {
  summary: string;
  description?: string;
  tag: ApiTag;
  /** The scope the auth guard requires (applied here, so the document says what is enforced), or no key at all. */
  access: ApiScope | 'public';
  /** Path parameters a pipe checks outside a zod `@Param` schema, with their bounds. */
  params?: Record<string, z.ZodType>;
  /** A JSON body: validated by this schema, here or in the service. */
  body?: { schema: z.ZodType; description: string };
  /** Takes path or query input a pipe validates, so it can answer 400. */
  validatesInput?: boolean;
  /** Every success status: a schema for each that has a body. */
  responses: Partial<Record<SuccessStatus, { description: string; schema?: z.ZodType; contentType?: string }>>;
  /** Refusals particular to this operation, by status; the ones every operation of its kind gives are added. */
  errors?: Partial<Record<ErrorStatus, string>>;
  /** False for an operation that reads nothing from PostgreSQL or Redis. */
  usesStorage?: boolean;
}

/**
 * Everything the document says about one operation, declared in one place:
 * summary, tag, scope, parameters, body, each success answer and every
 * error status it can give. The statuses every operation of a kind can
 * answer (400 for input, 401/403/429 behind a key, 413/415 with a body,
 * 503 when storage is out of reach) are added here, so none is forgotten.
 */
export function PublicOperation(spec: OperationSpec): MethodDecorator {
  const decorators: Array<MethodDecorator | ClassDecorator> = [
    ApiOperation({
      summary: spec.summary,
      description: describeAccess(spec),
      ...(spec.access === 'public' ? { security: [] } : {}),
    }),
    ApiTags(spec.tag),
    spec.access === 'public' ? Public() : RequireScope(spec.access),
  ];
  for (const [name, schema] of Object.entries(spec.params ?? {})) {
    decorators.push(ApiParam({ name, required: true, schema: openApiSchemaOf(schema, 'input') }));
  }
  if (spec.body) {
    decorators.push(
      ApiBody({
        required: true,
        description: spec.body.description,
        schema: openApiSchemaOf(spec.body.schema, 'input'),
      }),
    );
  }
  for (const [status, response] of Object.entries(spec.responses)) {
    decorators.push(
      ApiResponse({
        status: Number(status),
        description: response.description,
        ...(response.schema
          ? {
              content: {
                [response.contentType ?? 'application/json']: { schema: openApiSchemaOf(response.schema, 'output') },
              },
            }
          : {}),
      }),
    );
  }
  for (const [status, description] of Object.entries(errorsOf(spec))) {
    decorators.push(ApiErrorResponse(Number(status) as ErrorStatus, description));
  }
  return applyDecorators(...decorators);
}

function describeAccess(spec: OperationSpec): string {
  const access =
    spec.access === 'public' ? 'No API key needed.' : `Needs an API key with the \`${spec.access}\` scope.`;
  return spec.description ? `${spec.description}\n\n${access}` : access;
}

function errorsOf(spec: OperationSpec): Partial<Record<ErrorStatus, string>> {
  const own = spec.errors ?? {};
  const common: Partial<Record<ErrorStatus, string>> = {};
  const hasInput = spec.body !== undefined || spec.validatesInput === true || spec.params !== undefined;
  if (hasInput) common[400] = COMMON_ERRORS.invalid;
  if (spec.access !== 'public') {
    common[401] = COMMON_ERRORS.unauthenticated;
    common[403] = COMMON_ERRORS.forbidden(spec.access);
    common[429] = COMMON_ERRORS.rateLimited;
  }
  if (spec.body) {
    common[413] = COMMON_ERRORS.payloadTooLarge;
    common[415] = COMMON_ERRORS.unsupportedMediaType;
  }
  if (spec.usesStorage !== false) common[503] = COMMON_ERRORS.unavailable;
  const statuses = new Set([...Object.keys(common), ...Object.keys(own)].map(Number) as ErrorStatus[]);
  const merged: Partial<Record<ErrorStatus, string>> = {};
  for (const status of [...statuses].sort((a, b) => a - b)) {
    merged[status] = [own[status], common[status]].filter(Boolean).join(' Or: ');
  }
  return merged;
}
