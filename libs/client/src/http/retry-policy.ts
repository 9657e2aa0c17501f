/**
 * How the client retries `429 Too Many Requests` and `503 Service
 * Unavailable` (the two answers the api gives before doing any work, with a
 * Retry-After). Bounded twice: by the number of retries and by the longest
 * single wait; an answer asking for more than `maxDelayMs` is not retried
 * early but thrown, with its `retryAfterSeconds`.
 */
export interface RetryPolicy {
  /** Retries after the first attempt; 0 turns retrying off. Default 3. */
  maxRetries: number;
  /** The longest wait before one retry, in ms. Default 30 000. */
  maxDelayMs: number;
  /** The first wait when the answer has no Retry-After, doubling each retry. Default 500. */
  baseDelayMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { maxRetries: 3, maxDelayMs: 30_000, baseDelayMs: 500 };

export const RETRIED_STATUSES: ReadonlySet<number> = new Set([429, 503]);
