import { DEFAULT_RETRY, hasAttemptsLeft, mergeRetryPolicy, retryDelayMs, type RetryPolicy } from './retry-policy';

const policy = (overrides: Partial<RetryPolicy>): RetryPolicy => ({ ...DEFAULT_RETRY, jitter: false, ...overrides });

describe('retryDelayMs', () => {
  it('doubles an exponential delay per failed attempt, starting from delayMs', () => {
    const exponential = policy({ backoff: 'exponential', delayMs: 500, maxDelayMs: 60_000 });
    expect([1, 2, 3, 4].map((attempt) => retryDelayMs(exponential, attempt))).toEqual([500, 1000, 2000, 4000]);
  });

  it('keeps a fixed delay constant', () => {
    const fixed = policy({ backoff: 'fixed', delayMs: 750 });
    expect([1, 2, 10].map((attempt) => retryDelayMs(fixed, attempt))).toEqual([750, 750, 750]);
  });

  it('caps the delay at maxDelayMs, even for absurd attempt numbers', () => {
    const capped = policy({ delayMs: 1000, maxDelayMs: 5000 });
    expect(retryDelayMs(capped, 4)).toBe(5000);
    expect(retryDelayMs(capped, 10_000)).toBe(5000);
  });

  it('returns 0 rather than NaN for a zero delay at a high attempt', () => {
    expect(retryDelayMs(policy({ delayMs: 0 }), 5_000)).toBe(0);
  });

  it('applies equal jitter: half the delay is fixed, half random', () => {
    const jittered = policy({ delayMs: 1000, jitter: true });
    expect(retryDelayMs(jittered, 1, () => 0)).toBe(500);
    expect(retryDelayMs(jittered, 1, () => 0.5)).toBe(750);
    expect(retryDelayMs(jittered, 1, () => 0.999999)).toBe(1000);
    expect(retryDelayMs(jittered, 2, () => 0)).toBe(1000);
  });

  it('never jitters below half the capped delay', () => {
    const jittered = policy({ delayMs: 400, maxDelayMs: 3000, jitter: true });
    for (let attempt = 1; attempt <= 8; attempt++) {
      const capped = Math.min(400 * 2 ** (attempt - 1), 3000);
      const delay = retryDelayMs(jittered, attempt);
      expect(delay).toBeGreaterThanOrEqual(capped / 2);
      expect(delay).toBeLessThanOrEqual(capped);
    }
  });
});

describe('hasAttemptsLeft', () => {
  it('allows maxAttempts attempts in total', () => {
    const three = policy({ maxAttempts: 3 });
    expect([1, 2, 3].map((failed) => hasAttemptsLeft(three, failed))).toEqual([true, true, false]);
    expect(hasAttemptsLeft(policy({ maxAttempts: 1 }), 1)).toBe(false);
  });
});

describe('mergeRetryPolicy', () => {
  it('merges field by field, later layers winning, undefined fields ignored', () => {
    const merged = mergeRetryPolicy(
      DEFAULT_RETRY,
      { maxAttempts: 5, delayMs: 100 },
      { delayMs: 250, jitter: undefined },
    );
    expect(merged).toEqual({ ...DEFAULT_RETRY, maxAttempts: 5, delayMs: 250 });
  });

  it('does not modify the base policy', () => {
    mergeRetryPolicy(DEFAULT_RETRY, { maxAttempts: 9 });
    expect(DEFAULT_RETRY).toEqual({
      maxAttempts: 3,
      backoff: 'exponential',
      delayMs: 500,
      maxDelayMs: 60_000,
      jitter: true,
    });
  });
});
