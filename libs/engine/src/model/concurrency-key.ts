import type { JsonValue } from '../json/json-value';

/** Longest rendered concurrency key (before its tenant prefix); a longer one fails the task. */
export const MAX_CONCURRENCY_KEY_LENGTH = 512;

/** A concurrency key rendered to more than MAX_CONCURRENCY_KEY_LENGTH characters. */
export class ConcurrencyKeyTooLong extends Error {
  override readonly name = 'ConcurrencyKeyTooLong';
}

/**
 * The stored form of a rendered concurrency key: qualified by the run's
 * tenant, so one tenant's keys never share slots with another's. A string
 * is taken as it is; any other JSON value (a number, an object) by its JSON
 * text, so `1` and `"1"` are the same key only when both render as text.
 */
export function qualifiedConcurrencyKey(tenant: string, rendered: JsonValue | undefined): string {
  const text = typeof rendered === 'string' ? rendered : JSON.stringify(rendered ?? null);
  if (text.length > MAX_CONCURRENCY_KEY_LENGTH)
    throw new ConcurrencyKeyTooLong(
      `the concurrency key rendered to ${text.length} characters; at most ${MAX_CONCURRENCY_KEY_LENGTH} are allowed`,
    );
  return `${tenant}/${text}`;
}

/** The key as its tenant wrote it: the stored form without its tenant prefix. */
export function unqualifiedConcurrencyKey(stored: string): { tenant: string; key: string } {
  const slash = stored.indexOf('/');
  return slash < 0 ? { tenant: '', key: stored } : { tenant: stored.slice(0, slash), key: stored.slice(slash + 1) };
}
