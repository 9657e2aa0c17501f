import { z } from '@taskloom/sdk';

export const DEFAULT_TIMEOUT_MS = 30_000;
/** 1 MiB: a task's output is stored in PostgreSQL and read by every downstream template. */
export const DEFAULT_MAX_RESPONSE_BYTES = 1_048_576;
export const MAX_RESPONSE_BYTES_LIMIT = 32 * 1_048_576;

export const HTTP_METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'] as const;
const BODYLESS_METHODS: readonly string[] = ['GET', 'HEAD'];

export const requestInput = z
  .object({
    url: z.url({ protocol: /^https?$/, error: 'must be an http:// or https:// URL' }),
    method: z.enum(HTTP_METHODS).default('GET'),
    headers: z.record(z.string(), z.string()).default({}),
    /** A string is sent as it is; any other JSON value is sent as JSON (content-type application/json unless set). */
    body: z.json().optional(),
    timeoutMs: z.number().int().min(1).max(3_600_000).default(DEFAULT_TIMEOUT_MS),
    maxResponseBytes: z.number().int().min(0).max(MAX_RESPONSE_BYTES_LIMIT).default(DEFAULT_MAX_RESPONSE_BYTES),
  })
  .refine((input) => input.body === undefined || !BODYLESS_METHODS.includes(input.method), {
    message: 'a GET or HEAD request cannot have a body',
    path: ['body'],
  });

export type RequestInput = z.output<typeof requestInput>;

export const requestOutput = z.object({
  status: z.number().int(),
  /** Lower-case names; repeated headers joined with ", ". */
  headers: z.record(z.string(), z.string()),
  /** Parsed JSON when the content type is JSON, otherwise the text; null when there is no body. */
  body: z.json(),
});

export type RequestOutput = z.output<typeof requestOutput>;
export type Json = RequestOutput['body'];
