import type { FetchLike } from './http/retrying-fetch';
import type { RetryPolicy } from './http/retry-policy';

export interface TaskloomClientOptions {
  /** The api's origin, e.g. `http://localhost:3000` (the `/api/v1` prefix is added). */
  baseUrl: string;
  /** An API key (`tlk_<id>_<secret>`), sent as a bearer token; needed when the api has AUTH_ENABLED. */
  apiKey?: string;
  /** Retries of 429 and 503; see RetryPolicy. */
  retry?: Partial<RetryPolicy>;
  /** Another fetch (a proxy agent, a test double); globalThis.fetch by default. */
  fetch?: FetchLike;
  /** Sent with every request, e.g. a user agent. */
  headers?: Record<string, string>;
}

/** How often watchRun and waitForRun read the run. */
export interface WatchOptions {
  /** Between two reads of the run, in ms. Default 1000. */
  intervalMs?: number;
  /** Stops the watch (the iterator throws the signal's reason). */
  signal?: AbortSignal;
}

export interface WaitOptions extends WatchOptions {
  /** Give up with RunWaitTimeoutError after this many ms; no limit by default. */
  timeoutMs?: number;
}
