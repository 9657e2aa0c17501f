import { NonRetryableError } from '@taskloom/sdk';
import type { Agent } from 'undici';
import { buildRequest, type Hop } from './build-request';

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);
/** Credentials are for the origin they were given to, as fetch itself does on a cross-origin redirect. */
const CREDENTIAL_HEADERS = ['authorization', 'cookie', 'proxy-authorization'];
const BODY_HEADERS = ['content-type', 'content-length', 'content-encoding', 'content-language', 'content-location'];

/** The response pointed at a redirect the task does not follow (too many, or not http/https). */
export class RedirectError extends NonRetryableError {}

/**
 * Sends a request and follows up to `maxRedirects` redirects by hand (0:
 * the 3xx itself is the answer), so
 * that every hop's connection goes through the guarded dispatcher (its
 * destination is checked again) and the count is bounded. Follows fetch's
 * rules: 303, and 301/302 after a POST, continue as a GET without a body;
 * 307 and 308 keep the method and body; credentials are dropped when the
 * origin changes.
 */
export async function followRedirects(
  first: Hop,
  options: { signal: AbortSignal; dispatcher: Agent; maxRedirects: number },
): Promise<Response> {
  let hop = first;
  for (let redirects = 0; ; redirects++) {
    const response = await fetch(buildRequest(hop, options.signal), {
      dispatcher: options.dispatcher,
    } as unknown as RequestInit);
    const location = REDIRECT_STATUSES.has(response.status) ? response.headers.get('location') : null;
    if (location === null || options.maxRedirects === 0) return response;
    await response.body?.cancel();
    if (redirects >= options.maxRedirects) {
      throw new RedirectError(`${hop.method} ${hop.url}: more than maxRedirects (${options.maxRedirects}) redirects`);
    }
    hop = nextHop(hop, response.status, location);
  }
}

function nextHop(hop: Hop, status: number, location: string): Hop {
  let url: URL;
  try {
    url = new URL(location, hop.url);
  } catch {
    throw new RedirectError(`${hop.method} ${hop.url} redirected to an invalid location: ${location}`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new RedirectError(
      `${hop.method} ${hop.url} redirected to ${url.protocol} URL, only http and https are followed`,
    );
  }
  const headers = new Headers(hop.headers);
  let { method, body } = hop;
  if ((status === 303 && method !== 'HEAD') || ((status === 301 || status === 302) && method === 'POST')) {
    method = 'GET';
    body = undefined;
    for (const name of BODY_HEADERS) headers.delete(name);
  }
  if (url.origin !== new URL(hop.url).origin) {
    for (const name of CREDENTIAL_HEADERS) headers.delete(name);
  }
  return { url: url.href, method, headers, body };
}
