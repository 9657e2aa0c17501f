import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * An API key is `tlk_<id>_<secret>`: the id (the key's row, as 32 hex
 * digits) finds the key without scanning, and the 256-bit secret is what
 * proves possession. Only SHA-256 of the secret is stored: a secret this
 * random needs no slow hash, and checking it costs about a microsecond.
 */
const KEY_PATTERN = /^tlk_([0-9a-f]{32})_([0-9a-f]{64})$/;

export interface ParsedApiKey {
  id: string;
  secret: string;
}

export interface GeneratedApiKey extends ParsedApiKey {
  key: string;
  secretHash: Buffer;
}

export function generateApiKey(): GeneratedApiKey {
  const hexId = randomBytes(16).toString('hex');
  const secret = randomBytes(32).toString('hex');
  return { id: uuidOf(hexId), secret, key: `tlk_${hexId}_${secret}`, secretHash: hashSecret(secret) };
}

/** The key in a string, or undefined when the string is not shaped like one. */
export function parseApiKey(value: string): ParsedApiKey | undefined {
  const match = KEY_PATTERN.exec(value);
  if (!match) return undefined;
  return { id: uuidOf(match[1]!), secret: match[2]! };
}

/** The key in an `Authorization: Bearer <key>` header; undefined when absent or not a bearer key. */
export function bearerKey(header: string | undefined): ParsedApiKey | undefined {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
  return match ? parseApiKey(match[1]!) : undefined;
}

export function hashSecret(secret: string): Buffer {
  return createHash('sha256').update(secret).digest();
}

/** Constant time, so response timing says nothing about how much of a guessed secret was right. */
export function secretMatches(secret: string, storedHash: Buffer): boolean {
  const presented = hashSecret(secret);
  return presented.length === storedHash.length && timingSafeEqual(presented, storedHash);
}

function uuidOf(hex: string): string {
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
