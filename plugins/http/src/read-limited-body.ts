import { NonRetryableError } from '@taskloom/sdk';

/** The response was larger than the task allows; asking again would get the same. */
export class ResponseTooLargeError extends NonRetryableError {}

/**
 * Reads a response body, at most `maxBytes` of it. A declared
 * content-length over the limit fails before any byte is read; otherwise the
 * stream is read chunk by chunk and cancelled (closing the connection) as
 * soon as it passes the limit, so a huge or endless body never sits in memory.
 */
export async function readLimitedBody(response: Response, maxBytes: number, what: string): Promise<Buffer> {
  const tooLarge = (size: string) =>
    new ResponseTooLargeError(`${what}: response body ${size} exceeds maxResponseBytes (${maxBytes} bytes)`);
  const declared = Number(response.headers.get('content-length') ?? Number.NaN);
  if (Number.isFinite(declared) && declared > maxBytes) {
    await response.body?.cancel();
    throw tooLarge(`of ${declared} bytes`);
  }
  if (!response.body) return Buffer.alloc(0);
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel();
      throw tooLarge(`of more than ${maxBytes} bytes`);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks, total);
}
