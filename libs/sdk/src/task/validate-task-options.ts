import { TaskDefinitionError } from '../errors/sdk-errors';
import { resolveResources } from '../resources/resolve-resources';
import type { ResourceProfile } from '../resources/resource-profile';
import {
  ISOLATION_MODES,
  type BatchOptions,
  type IsolationMode,
  type RateLimitDefaults,
  type RetryDefaults,
} from './task-type';

/** The largest default rate limit and the longest period a task type may declare (as a workflow task may). */
export const MAX_RATE_LIMIT = 1_000_000;
export const MAX_RATE_PERIOD_MS = 86_400_000;
/** A shared bucket's name: dotted, lower-case, like a task type. */
export const RATE_KEY_PATTERN = /^[a-z0-9][a-z0-9._:-]{0,127}$/;

/** `core.noop`, `http.request`, `acme-billing.invoice_send`. */
export const TASK_TYPE_PATTERN = /^[a-z][a-z0-9_-]*(\.[a-z0-9_-]+)+$/;

interface RawOptions {
  type?: unknown;
  description?: unknown;
  input?: unknown;
  output?: unknown;
  resources?: unknown;
  retry?: unknown;
  rateLimit?: unknown;
  isolation?: unknown;
  batch?: unknown;
  run?: unknown;
  runBatch?: unknown;
}

export interface ValidatedOptions {
  type: string;
  description: string;
  resources: ResourceProfile;
  isolation: IsolationMode;
  retry?: RetryDefaults;
  rateLimit?: RateLimitDefaults;
  batch?: BatchOptions;
}

/** Checks what TypeScript cannot (or what a JavaScript author skipped); throws TaskDefinitionError naming the type. */
export function validateTaskOptions(options: RawOptions): ValidatedOptions {
  const type = options.type;
  if (typeof type !== 'string' || !TASK_TYPE_PATTERN.test(type)) {
    throw new TaskDefinitionError(
      `task type name ${JSON.stringify(type)} is invalid: use dotted lower-case names like "myplugin.do-thing" (${TASK_TYPE_PATTERN.source})`,
    );
  }
  const fail = (what: string): never => {
    throw new TaskDefinitionError(`task type "${type}": ${what}`);
  };
  if (typeof options.description !== 'string' || options.description.trim() === '')
    fail('description must be a non-empty string');
  if (!isZodLike(options.input)) fail('input must be a zod schema (use the `z` exported by @taskloom/sdk)');
  if (!isZodLike(options.output)) fail('output must be a zod schema (use the `z` exported by @taskloom/sdk)');
  const isolation = options.isolation ?? 'inline';
  if (!ISOLATION_MODES.includes(isolation as IsolationMode))
    fail(`isolation must be one of ${ISOLATION_MODES.join(', ')}, got ${JSON.stringify(isolation)}`);
  let resources: ResourceProfile;
  try {
    resources = resolveResources(options.resources as Parameters<typeof resolveResources>[0]);
  } catch (error) {
    throw new TaskDefinitionError(`task type "${type}": ${(error as Error).message}`, { cause: error });
  }
  const batch = options.batch === undefined ? undefined : validateBatch(options.batch, fail);
  if (batch && typeof options.runBatch !== 'function')
    fail('a batching task type (batch: {...}) needs runBatch(inputs, ctx)');
  if (batch && options.run !== undefined) fail('a batching task type has runBatch only; remove run');
  if (!batch && typeof options.run !== 'function') fail('run(input, ctx) is required (or give batch and runBatch)');
  if (!batch && options.runBatch !== undefined) fail('runBatch needs batch: { maxSize, maxWaitMs }');
  const retry = options.retry === undefined ? undefined : validateRetry(options.retry, fail);
  const rateLimit = options.rateLimit === undefined ? undefined : validateRateLimit(options.rateLimit, fail);
  return {
    type,
    description: options.description as string,
    resources,
    isolation: isolation as IsolationMode,
    ...(retry ? { retry } : {}),
    ...(rateLimit ? { rateLimit } : {}),
    ...(batch ? { batch } : {}),
  };
}

function validateRateLimit(raw: unknown, fail: (what: string) => never): RateLimitDefaults {
  const r = (raw ?? {}) as Partial<RateLimitDefaults>;
  if (!isInt(r.limit) || r.limit < 1 || r.limit > MAX_RATE_LIMIT)
    fail(`rateLimit.limit must be an integer from 1 to ${MAX_RATE_LIMIT}`);
  if (!isInt(r.periodMs) || r.periodMs < 1 || r.periodMs > MAX_RATE_PERIOD_MS)
    fail(`rateLimit.periodMs must be an integer from 1 to ${MAX_RATE_PERIOD_MS}`);
  if (r.key !== undefined && (typeof r.key !== 'string' || !RATE_KEY_PATTERN.test(r.key)))
    fail(`rateLimit.key must match ${RATE_KEY_PATTERN.source}, got ${JSON.stringify(r.key)}`);
  return { limit: r.limit as number, periodMs: r.periodMs as number, ...(r.key !== undefined ? { key: r.key } : {}) };
}

function validateBatch(raw: unknown, fail: (what: string) => never): BatchOptions {
  const b = (raw ?? {}) as Partial<BatchOptions>;
  if (!isInt(b.maxSize) || b.maxSize < 1 || b.maxSize > 10_000)
    fail('batch.maxSize must be an integer from 1 to 10000');
  if (!isInt(b.maxWaitMs) || b.maxWaitMs < 0 || b.maxWaitMs > 60_000)
    fail('batch.maxWaitMs must be an integer from 0 to 60000');
  return { maxSize: b.maxSize as number, maxWaitMs: b.maxWaitMs as number };
}

function validateRetry(raw: unknown, fail: (what: string) => never): RetryDefaults {
  const r = (raw ?? {}) as RetryDefaults;
  if (r.maxAttempts !== undefined && (!isInt(r.maxAttempts) || r.maxAttempts < 1))
    fail('retry.maxAttempts must be an integer >= 1');
  if (r.backoff !== undefined && r.backoff !== 'fixed' && r.backoff !== 'exponential')
    fail('retry.backoff must be "fixed" or "exponential"');
  if (r.delayMs !== undefined && (!isInt(r.delayMs) || r.delayMs < 0)) fail('retry.delayMs must be an integer >= 0');
  if (r.maxDelayMs !== undefined && (!isInt(r.maxDelayMs) || r.maxDelayMs < (r.delayMs ?? 0))) {
    fail('retry.maxDelayMs must be an integer >= retry.delayMs');
  }
  return { ...r };
}

function isInt(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value);
}

function isZodLike(value: unknown): boolean {
  return (
    typeof value === 'object' && value !== null && typeof (value as { safeParse?: unknown }).safeParse === 'function'
  );
}
