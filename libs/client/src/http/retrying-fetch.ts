import { TaskloomConnectionError } from '../errors/taskloom-errors';
import { abortableSleep } from '../util/abortable-sleep';
import { parseRetryAfter } from './retry-after';
import { RETRIED_STATUSES, type RetryPolicy } from './retry-policy';

export type FetchLike = (request: Request) => Promise<Response>;

/**
 * A fetch that retries 429 and 503 as the policy allows, waiting what
 * Retry-After asks. Each attempt sends a clone, so a request body can be
 * sent again. The last answer is returned as it is; the caller turns it into
 * a typed error.
 */
export function retryingFetch(policy: RetryPolicy, fetchImpl: FetchLike = (request) => fetch(request)): FetchLike {
  return async (request) => {
    for (let retry = 0; ; retry++) {
      const response = await send(fetchImpl, request.clone());
      if (!RETRIED_STATUSES.has(response.status) || retry >= policy.maxRetries) return response;
      const asked = parseRetryAfter(response.headers.get('retry-after'));
      const delay = asked ?? Math.min(policy.baseDelayMs * 2 ** retry, policy.maxDelayMs);
      if (delay > policy.maxDelayMs) return response;
      await response.body?.cancel();
      await abortableSleep(delay, request.signal);
    }
  };
}

async function send(fetchImpl: FetchLike, request: Request): Promise<Response> {
  try {
    return await fetchImpl(request);
  } catch (error) {
    if (request.signal.aborted) throw error;
    throw new TaskloomConnectionError(new URL(request.url).origin, error);
  }
}
