import { NonRetryableError } from '@taskloom/sdk';
import type { RequestInput } from './request-schema';

/**
 * The fetch Request for an input. Built before sending so that a request
 * fetch refuses (a malformed header name, say) fails the task for good
 * instead of looking like a retryable network error.
 */
export function buildRequest(input: RequestInput, signal: AbortSignal): Request {
  try {
    const headers = new Headers(input.headers);
    let body: string | undefined;
    if (typeof input.body === 'string') {
      body = input.body;
    } else if (input.body !== undefined) {
      body = JSON.stringify(input.body);
      if (!headers.has('content-type')) headers.set('content-type', 'application/json');
    }
    return new Request(input.url, { method: input.method, headers, body, signal, redirect: 'follow' });
  } catch (error) {
    throw new NonRetryableError(`invalid ${input.method} request to ${input.url}: ${(error as Error).message}`, {
      cause: error,
    });
  }
}
