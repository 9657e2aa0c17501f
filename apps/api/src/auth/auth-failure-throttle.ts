import { LRUCache } from 'lru-cache';
import { RateLimitedError } from './auth.errors';

/** Clients tracked at once; the least recently failing ones are forgotten first. */
const MAX_TRACKED_CLIENTS = 10_000;
const WINDOW_MS = 60_000;

interface Window {
  startedAt: number;
  failures: number;
}

/**
 * Counts failed authentications per client address in fixed one-minute
 * windows. Past AUTH_FAILURE_LIMIT the client's keys that are not already
 * known to this process are refused 429 without a database lookup, so
 * guessing random keys costs nothing; keys that authenticated before keep
 * working from the same address (a NAT shared with an attacker). Bounded
 * memory; 0 turns it off.
 */
export class AuthFailureThrottle {
  private readonly windows = new LRUCache<string, Window>({ max: MAX_TRACKED_CLIENTS, ttl: WINDOW_MS });

  constructor(
    private readonly limitPerMinute: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Throws RateLimitedError when `client` has failed too often this minute. */
  check(client: string | undefined): void {
    if (this.limitPerMinute === 0 || client === undefined) return;
    const window = this.current(client);
    if (window && window.failures >= this.limitPerMinute) {
      const retryAfter = Math.max(1, Math.ceil((window.startedAt + WINDOW_MS - this.now()) / 1000));
      throw new RateLimitedError(
        `more than ${this.limitPerMinute} failed authentications from this client in a minute (AUTH_FAILURE_LIMIT); retry after ${retryAfter} s`,
        retryAfter,
      );
    }
  }

  recordFailure(client: string | undefined): void {
    if (this.limitPerMinute === 0 || client === undefined) return;
    const window = this.current(client) ?? { startedAt: this.now(), failures: 0 };
    window.failures += 1;
    this.windows.set(client, window, { noUpdateTTL: this.windows.has(client) });
  }

  private current(client: string): Window | undefined {
    const window = this.windows.get(client);
    return window && this.now() - window.startedAt < WINDOW_MS ? window : undefined;
  }
}
