import { NonRetryableError } from '@taskloom/sdk';
import type { Json } from './request-schema';

const JSON_MEDIA_TYPE = /^application\/(?:[\w.-]+\+)?json$/i;
/** Media types whose bodies are text; any other declared type is binary and comes back base64-encoded. */
const TEXT_MEDIA_TYPE =
  /^(?:text\/[\w.+-]+|application\/(?:[\w.-]+\+)?xml|application\/(?:javascript|ecmascript|x-www-form-urlencoded|yaml|x-yaml|x-ndjson|ndjson|graphql|csv|sql))$/i;

/** A response body as the task's output carries it: JSON, text, or base64 for bytes that are not text. */
export interface DecodedBody {
  body: Json;
  bodyEncoding?: 'base64';
}

/**
 * JSON when the content type says so (application/json, application/*+json);
 * text for text types (and for no content type when the bytes are text);
 * otherwise — a binary type, bytes that are not valid in their charset, or
 * text holding a NUL, which PostgreSQL cannot store — the bytes in base64
 * with `bodyEncoding: "base64"`. No body is null.
 */
export function decodeBody(bytes: Buffer, contentType: string | null, what: string): DecodedBody {
  if (bytes.length === 0) return { body: null };
  const [mediaType = '', ...params] = (contentType ?? '').split(';').map((part) => part.trim());
  if (JSON_MEDIA_TYPE.test(mediaType))
    return { body: parseJson(decodeText(bytes, charsetOf(params), false), mediaType, what) };
  if (mediaType !== '' && !TEXT_MEDIA_TYPE.test(mediaType)) return base64(bytes);
  const text = decodeText(bytes, charsetOf(params), true);
  return text === undefined || text.includes('\u0000') ? base64(bytes) : { body: text };
}

function base64(bytes: Buffer): DecodedBody {
  return { body: bytes.toString('base64'), bodyEncoding: 'base64' };
}

function parseJson(text: string | undefined, mediaType: string, what: string): Json {
  try {
    return JSON.parse(text ?? '') as Json;
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

/**
 * Decodes in the declared charset (an unknown one falls back to UTF-8
 * rather than failing the task). With `strict`, bytes that are not valid in
 * that charset give undefined instead of replacement characters.
 */
function decodeText(bytes: Buffer, charset: string, strict: boolean): string | undefined {
  try {
    return decoderFor(charset, strict).decode(bytes);
  } catch {
    return undefined;
  }
}

function decoderFor(charset: string, fatal: boolean) {
  try {
    return new TextDecoder(charset, { fatal });
  } catch {
    return new TextDecoder('utf-8', { fatal });
  }
}
