import { NonRetryableError } from '@taskloom/sdk';
import type { Json } from './request-schema';

const JSON_MEDIA_TYPE = /^application\/(?:[\w.-]+\+)?json$/i;

/** JSON when the content type says so (application/json, application/*+json), else text; null for no body. */
export function decodeBody(bytes: Buffer, contentType: string | null, what: string): Json {
  if (bytes.length === 0) return null;
  const [mediaType = '', ...params] = (contentType ?? '').split(';').map((part) => part.trim());
  const text = decodeText(bytes, charsetOf(params));
  if (!JSON_MEDIA_TYPE.test(mediaType)) return text;
  try {
    return JSON.parse(text) as Json;
  } catch (error) {
    throw new NonRetryableError(`${what}: the response says ${mediaType} but its body is not valid JSON`, {
      cause: error,
    });
  }
}

function charsetOf(params: string[]): string {
  const charset = params.find((param) => /^charset=/i.test(param));
  return charset ? charset.slice('charset='.length).replace(/^"|"$/g, '') : 'utf-8';
}

/** Decodes in the declared charset; an unknown charset falls back to UTF-8 rather than failing the task. */
function decodeText(bytes: Buffer, charset: string): string {
  try {
    return new TextDecoder(charset).decode(bytes);
  } catch {
    return new TextDecoder('utf-8').decode(bytes);
  }
}
