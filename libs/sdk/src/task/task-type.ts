import type { z } from 'zod';
import type { ResourceProfile } from '../resources/resource-profile';
import type { BatchTaskContext, TaskContext } from './task-context';

/**
 * Where a handler runs: `inline` on the executor's event loop (cheap, no
 * protection), `thread` in a pooled worker thread with a heap limit, `process`
 * in a pooled child process with a heap limit and SIGKILL on timeout.
 */
export type IsolationMode = 'inline' | 'thread' | 'process';
export const ISOLATION_MODES: readonly IsolationMode[] = ['inline', 'thread', 'process'];

/** Defaults for the task's retry policy; a workflow definition may override them. */
export interface RetryDefaults {
  maxAttempts?: number;
  backoff?: 'fixed' | 'exponential';
  delayMs?: number;
  maxDelayMs?: number;
}

/**
 * The type's default rate limit: its tasks are dispatched at most `limit`
 * times in any `periodMs`, across the whole cluster and every tenant — it
 * guards the service the plugin calls. `key` names a bucket that several
 * types share (two types calling the same API); absent, the type has a
 * bucket of its own. A workflow task's own `rateLimit` replaces it.
 */
export interface RateLimitDefaults {
  limit: number;
  periodMs: number;
  key?: string;
}

/** Gather up to `maxSize` inputs, waiting at most `maxWaitMs` after the first. */
export interface BatchOptions {
  maxSize: number;
  maxWaitMs: number;
}

export const TASK_TYPE_BRAND: unique symbol = Symbol.for('taskloom.task-type');

/**
 * A task type as defineTask() returns it: immutable, with its schemas and
 * handler. `I` is the input the handler receives (after parsing: defaults
 * filled in), `In` what a workflow definition may write (before parsing).
 */
export interface TaskType<I, O, In = I> {
  readonly type: string;
  readonly description: string;
  readonly input: z.ZodType<I, In>;
  readonly output: z.ZodType<O>;
  readonly resources: ResourceProfile;
  readonly retry?: RetryDefaults;
  readonly rateLimit?: RateLimitDefaults;
  readonly isolation: IsolationMode;
  readonly batch?: BatchOptions;
  run?(input: I, ctx: TaskContext): Promise<O> | O;
  runBatch?(inputs: I[], ctx: BatchTaskContext): Promise<O[]> | O[];
  /** JSON Schemas computed once at definition time, by the SDK copy that defined the type. */
  readonly jsonSchema: { readonly input: JsonSchema; readonly output: JsonSchema };
}

/** A JSON Schema document (draft 2020-12). */
export type JsonSchema = Record<string, unknown>;

export type AnyTaskType = TaskType<any, any, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

export function isTaskType(value: unknown): value is AnyTaskType {
  return (
    typeof value === 'object' && value !== null && (value as { [TASK_TYPE_BRAND]?: unknown })[TASK_TYPE_BRAND] === 1
  );
}
