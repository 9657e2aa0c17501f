import { NonRetryableError } from '@taskloom/sdk';
import type { HttpMethod } from './request-schema';

/** One hop of a request: redirects change the URL, and may change the method and drop the body. */
export interface Hop {
  url: string;
  method: HttpMethod;
  headers: Headers;
  body: string | undefined;
}

/** The first hop of an input: a non-string body is sent as JSON (content-type application/json unless set). */
export function firstHop(input: {
  url: string;
  method: HttpMethod;
  headers: Record<string, string>;
  body?: unknown;
}): Hop {
  try {
    const headers = new Headers(input.headers);
    let body: string | undefined;
    if (typeof input.body === 'string') {
      body = input.body;
    } else if (input.body !== undefined) {
      body = JSON.stringify(input.body);
      if (!headers.has('content-type')) headers.set('content-type', 'application/json');
    }
    return { url: input.url, method: input.method, headers, body };
  } catch (error) {
    throw invalidRequest(input, error);
  }
}

/**
 * The fetch Request for a hop. Built before sending so that a request
 * fetch refuses (a malformed header name, say) fails the task for good
 * instead of looking like a retryable network error. Redirects are
 * followed by followRedirects, never by fetch.
 */
export function buildRequest(hop: Hop, signal: AbortSignal): Request {
  try {
    return new Request(hop.url, {
      method: hop.method,
      headers: hop.headers,
      body: hop.body,
      signal,
      redirect: 'manual',
    });
  } catch (error) {
    throw invalidRequest(hop, error);
  }
}

function invalidRequest(input: { method: string; url: string }, error: unknown): NonRetryableError {
  return new NonRetryableError(`invalid ${input.method} request to ${input.url}: ${(error as Error).message}`, {
    cause: error,
  });
}
