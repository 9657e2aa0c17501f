import { z } from '@taskloom/sdk';

export const DEFAULT_TIMEOUT_MS = 30_000;
/** 1 MiB: a task's output is stored in PostgreSQL and read by every downstream template. */
export const DEFAULT_MAX_RESPONSE_BYTES = 1_048_576;
export const MAX_RESPONSE_BYTES_LIMIT = 32 * 1_048_576;

export const DEFAULT_MAX_REDIRECTS = 10;
export const MAX_REDIRECTS_LIMIT = 20;

export const HTTP_METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'] as const;
export type HttpMethod = (typeof HTTP_METHODS)[number];
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
    /** Redirects followed (each one's destination checked like the first); more fail the task. 0 returns the 3xx itself. */
    maxRedirects: z.number().int().min(0).max(MAX_REDIRECTS_LIMIT).default(DEFAULT_MAX_REDIRECTS),
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
  /**
   * Parsed JSON when the content type is JSON; the text for a text type (or
   * no type, when the bytes are valid UTF-8); otherwise — a binary type,
   * invalid bytes, or text holding a NUL — a base64 string, with
   * `bodyEncoding: "base64"`. null when there is no body.
   */
  body: z.json(),
  /** Present, as "base64", only when `body` is the base64 encoding of a binary response body. */
  bodyEncoding: z.literal('base64').optional(),
});

export type RequestOutput = z.output<typeof requestOutput>;
export type Json = RequestOutput['body'];
