import { defineTask } from '@taskloom/sdk';
import { buildRequest } from './build-request';
import { decodeBody } from './decode-body';
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
 * is read up to `maxResponseBytes`.
 */
export const httpRequest = defineTask({
  type: 'http.request',
  description:
    'HTTP request with fetch: {url, method, headers, body, timeoutMs, maxResponseBytes} → {status, headers, body}. ' +
    'Retries 5xx, 429 and network errors; other 4xx fail the task.',
  input: requestInput,
  output: requestOutput,
  resources: 'io-intensive',
  isolation: 'inline',
  retry: { maxAttempts: 3, backoff: 'exponential', delayMs: 1_000, maxDelayMs: 30_000 },
  run: async (input, ctx) => {
    const what = `${input.method} ${input.url}`;
    const timeout = AbortSignal.timeout(input.timeoutMs);
    const request = buildRequest(input, AbortSignal.any([ctx.signal, timeout]));
    try {
      const response = await fetch(request);
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
    body: decodeBody(bytes, response.headers.get('content-type'), what),
  };
}
