import { NonRetryableError, RateLimitedError, RetryLaterError, TaskError } from '@taskloom/sdk';

/** Longest Retry-After honoured; a server asking for more is retried by the task's own backoff cap instead. */
const MAX_RETRY_AFTER_MS = 3_600_000;
const SNIPPET_CHARS = 300;

/**
 * The failure an error status (400 and up) means: 5xx is the server's trouble and is retried (not before Retry-After when it
 * sends one); 429 is rate limiting, retried after Retry-After; every other
 * 4xx says the request itself is wrong, so asking again cannot help.
 */
export function statusError(status: number, headers: Headers, bodyText: string, what: string): TaskError {
  const snippet = bodyText.length > SNIPPET_CHARS ? `${bodyText.slice(0, SNIPPET_CHARS)}…` : bodyText;
  const message = `${what} answered ${status}${snippet ? `: ${snippet}` : ''}`;
  const retryAfterMs = parseRetryAfter(headers.get('retry-after'));
  if (status === 429) {
    return retryAfterMs === undefined ? new TaskError(message) : new RateLimitedError(message, { retryAfterMs });
  }
  if (status >= 500) {
    return retryAfterMs === undefined
      ? new TaskError(message)
      : new RetryLaterError(message, { delayMs: retryAfterMs });
  }
  return new NonRetryableError(message);
}

/** Retry-After as milliseconds from now: delta-seconds or an HTTP date. */
export function parseRetryAfter(value: string | null, now = Date.now()): number | undefined {
  if (value === null || value.trim() === '') return undefined;
  const trimmed = value.trim();
  const ms = /^\d+$/.test(trimmed) ? Number(trimmed) * 1_000 : Date.parse(trimmed) - now;
  if (!Number.isFinite(ms)) return undefined;
  return Math.min(Math.max(ms, 0), MAX_RETRY_AFTER_MS);
}
