import type { z } from 'zod';
import type { ResourceSpec } from '../resources/resource-profile';
import type { BatchTaskContext, TaskContext } from './task-context';
import type { BatchOptions, IsolationMode, RateLimitDefaults, RetryDefaults } from './task-type';

type MaybePromise<T> = T | Promise<T>;

interface TaskOptionsBase<IS extends z.ZodType, OS extends z.ZodType> {
  /** Dotted, lower-case, plugin first: `core.noop`, `http.request`. */
  type: string;
  description: string;
  /** zod schema of the input; the handler receives its parsed output. JSON-representable. */
  input: IS;
  /** zod schema the handler's result is validated against. JSON-representable. */
  output: OS;
  /** A named profile, or numbers on top of one. Default: `default`. */
  resources?: ResourceSpec;
  retry?: RetryDefaults;
  /** A default rate limit for every task of this type, across the cluster and every tenant. */
  rateLimit?: RateLimitDefaults;
  /** Default: `inline`. */
  isolation?: IsolationMode;
}

/** A task type handling one input per call. */
export interface SingleTaskOptions<IS extends z.ZodType, OS extends z.ZodType> extends TaskOptionsBase<IS, OS> {
  batch?: undefined;
  run(input: z.output<IS>, ctx: TaskContext): MaybePromise<z.output<OS>>;
  runBatch?: undefined;
}

/** A batching task type: `runBatch` gets up to `batch.maxSize` inputs and returns one output per input, in order. */
export interface BatchTaskOptions<IS extends z.ZodType, OS extends z.ZodType> extends TaskOptionsBase<IS, OS> {
  batch: BatchOptions;
  runBatch(inputs: z.output<IS>[], ctx: BatchTaskContext): MaybePromise<z.output<OS>[]>;
  run?: undefined;
}

export type TaskOptions<IS extends z.ZodType, OS extends z.ZodType> =
  SingleTaskOptions<IS, OS> | BatchTaskOptions<IS, OS>;
