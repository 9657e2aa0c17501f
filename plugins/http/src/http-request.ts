import { defineTask } from '@taskloom/sdk';
import { firstHop } from './build-request';
import { decodeBody } from './decode-body';
import { followRedirects } from './follow-redirects';
import { guardedDispatcher } from './network-guard';
import { readLimitedBody } from './read-limited-body';
import { requestFailure } from './request-failure';
import { requestInput, requestOutput, type RequestInput, type RequestOutput } from './request-schema';
import { statusError } from './status-error';

/** How much of an error response is read for the failure message. */
const ERROR_BODY_BYTES = 8_192;

/**
 * Calls an HTTP endpoint with the global fetch. Stops at the task's timeout
 * or cancel and at its own `timeoutMs`, whichever comes first; 5xx and
 * network errors fail retryably, other 4xx fail for good; the response body
 * is read up to `maxResponseBytes`. Only public addresses are reached
 * unless HTTP_REQUEST_ALLOWED_HOSTS allows more (checked at connect time,
 * on every redirect hop); binary bodies come back base64-encoded.
 */
export const httpRequest = defineTask({
  type: 'http.request',
  description:
    'HTTP request with fetch: {url, method, headers, body, timeoutMs, maxResponseBytes, maxRedirects} → ' +
    '{status, headers, body, bodyEncoding?}. Retries 5xx, 429 and network errors; other 4xx fail the task. ' +
    'Refuses loopback, private, link-local and metadata addresses unless HTTP_REQUEST_ALLOWED_HOSTS allows them; ' +
    'a binary body comes back base64-encoded with bodyEncoding "base64".',
  input: requestInput,
  output: requestOutput,
  resources: 'io-intensive',
  isolation: 'inline',
  retry: { maxAttempts: 3, backoff: 'exponential', delayMs: 1_000, maxDelayMs: 30_000 },
  run: async (input, ctx) => {
    const what = `${input.method} ${input.url}`;
    const timeout = AbortSignal.timeout(input.timeoutMs);
    const hop = firstHop(input);
    const dispatcher = guardedDispatcher();
    try {
      const signal = AbortSignal.any([ctx.signal, timeout]);
      const response = await followRedirects(hop, { signal, dispatcher, maxRedirects: input.maxRedirects });
      ctx.logger.debug('response', { status: response.status, attempt: ctx.attempt });
      return await readResponse(response, input, what);
    } catch (error) {
      throw requestFailure(error, { task: ctx.signal, timeout }, input.timeoutMs, what);
    }
  },
});

async function readResponse(response: Response, input: RequestInput, what: string): Promise<RequestOutput> {
  if (response.status >= 400) {
    const text = await readLimitedBody(response, ERROR_BODY_BYTES, what).then(
      (bytes) => bytes.toString('utf8'),
      () => '',
    );
    throw statusError(response.status, response.headers, text, what);
  }
  const bytes = await readLimitedBody(response, input.maxResponseBytes, what);
  return {
    status: response.status,
    headers: Object.fromEntries(response.headers),
    ...decodeBody(bytes, response.headers.get('content-type'), what),
  };
}
