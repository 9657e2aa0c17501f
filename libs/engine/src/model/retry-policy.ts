export interface RetryPolicy {
  /** Total attempts including the first; 1 means no retry. */
  maxAttempts: number;
  backoff: 'fixed' | 'exponential';
  delayMs: number;
  maxDelayMs: number;
  jitter: boolean;
}

export const DEFAULT_RETRY: RetryPolicy = Object.freeze({
  maxAttempts: 3,
  backoff: 'exponential',
  delayMs: 500,
  maxDelayMs: 60_000,
  jitter: true,
});

/** Later layers win field by field, so `{ maxAttempts: 5 }` keeps the inherited backoff. */
export function mergeRetryPolicy(base: RetryPolicy, ...overrides: (Partial<RetryPolicy> | undefined)[]): RetryPolicy {
  let merged: RetryPolicy = { ...base };
  for (const override of overrides) {
    const present: Partial<RetryPolicy> = Object.fromEntries(
      Object.entries(override ?? {}).filter(([, value]) => value !== undefined),
    );
    merged = { ...merged, ...present };
  }
  return merged;
}

/**
 * Delay before the attempt that follows `failedAttempt` (attempts count from 1).
 * Jitter is "equal jitter": half the delay is kept and half is random, so
 * retries spread out without ever collapsing to an immediate retry storm.
 */
export function retryDelayMs(policy: RetryPolicy, failedAttempt: number, random: () => number = Math.random): number {
  const attempt = Math.max(1, Math.floor(failedAttempt));
  // The exponent is bounded so a zero delay never becomes 0 * Infinity = NaN.
  const growth = policy.backoff === 'exponential' ? 2 ** Math.min(attempt - 1, 64) : 1;
  const capped = Math.min(policy.delayMs * growth, policy.maxDelayMs);
  if (!policy.jitter) return Math.round(capped);
  const half = capped / 2;
  return Math.round(half + random() * half);
}

export function hasAttemptsLeft(policy: RetryPolicy, failedAttempt: number): boolean {
  return failedAttempt < policy.maxAttempts;
}
