import type { RateLimitSetting } from '../definition/workflow-definition';
import type { JsonValue } from '../json/json-value';

/** Longest rendered rate-limit key (before its tenant prefix); a longer one fails the task. */
export const MAX_RATE_KEY_LENGTH = 512;

/** A rate-limit key rendered to more than MAX_RATE_KEY_LENGTH characters. */
export class RateKeyTooLong extends Error {
  override readonly name = 'RateKeyTooLong';
}

/** A task type's default rate limit, as its plugin declares it (the SDK's `rateLimit`). */
export interface RateLimitDefault {
  limit: number;
  periodMs: number;
  /** A fixed bucket name shared by every type that names it; absent: a bucket of the type's own. */
  key?: string;
}

/** Where a task's dispatches are counted: its bucket's stored key, limit and period. */
export interface RateBucket {
  rateKey: string;
  rateLimit: number;
  ratePeriodMs: number;
}

/** What decides a task's bucket: its own setting (and its rendered key) over its type's default. */
export interface RateBucketSource {
  tenant: string;
  workflow: string;
  taskKey: string;
  type: string | undefined;
  own: RateLimitSetting | undefined;
  renderedKey: JsonValue | undefined;
  typeDefault: RateLimitDefault | undefined;
}

/**
 * A task's rate-limit bucket (ADR 0026), or null for a task without a limit.
 * The task's own `rateLimit` wins, qualified by the run's tenant (tenants
 * never share its buckets): its rendered key, or without one a bucket for
 * the task itself (`@task:<workflow>/<key>`). Otherwise its type's default,
 * which guards the service the plugin calls and so is shared by every
 * tenant: `@type:<type>`, or `@shared:<key>` when the plugin names a bucket
 * several types share. Tenants start with a letter or digit, so the two
 * kinds never meet.
 */
export function rateBucketOf(source: RateBucketSource): RateBucket | null {
  if (source.own) {
    const text = source.own.key === undefined ? `@task:${source.workflow}/${source.taskKey}` : keyText(source);
    return { rateKey: `${source.tenant}/${text}`, rateLimit: source.own.limit, ratePeriodMs: source.own.periodMs };
  }
  if (source.typeDefault && source.type !== undefined) {
    const { key, limit, periodMs } = source.typeDefault;
    return {
      rateKey: key === undefined ? `@type:${source.type}` : `@shared:${key}`,
      rateLimit: limit,
      ratePeriodMs: periodMs,
    };
  }
  return null;
}

function keyText(source: RateBucketSource): string {
  const rendered = source.renderedKey ?? source.own?.key ?? null;
  const text = typeof rendered === 'string' ? rendered : JSON.stringify(rendered);
  if (text.length > MAX_RATE_KEY_LENGTH)
    throw new RateKeyTooLong(
      `the rate-limit key rendered to ${text.length} characters; at most ${MAX_RATE_KEY_LENGTH} are allowed`,
    );
  return text;
}

/** A stored bucket key as its owner wrote it: a tenant's without the tenant prefix, a type's as it is. */
export function rateKeyLabel(stored: string): string {
  if (stored.startsWith('@')) return stored;
  const slash = stored.indexOf('/');
  return slash < 0 ? stored : stored.slice(slash + 1);
}
