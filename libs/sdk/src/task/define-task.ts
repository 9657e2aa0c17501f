import type { z } from 'zod';
import { toTaskJsonSchema } from './json-schema';
import type { TaskOptions } from './task-options';
import { TASK_TYPE_BRAND, type TaskType } from './task-type';
import { validateTaskOptions } from './validate-task-options';

/**
 * Defines a task type. The handler's input and output types come from the zod
 * schemas; `run` is required, or `batch` with `runBatch`. Invalid definitions
 * throw a TaskDefinitionError here, at import time, not at the first task.
 *
 * @example
 * export const sleep = defineTask({
 *   type: 'core.sleep',
 *   description: 'Waits ms milliseconds',
 *   input: z.object({ ms: z.number().int().min(0) }),
 *   output: z.object({ sleptMs: z.number() }),
 *   resources: 'io-intensive',
 *   run: async ({ ms }, ctx) => { ... },
 * });
 */
export function defineTask<IS extends z.ZodType, OS extends z.ZodType>(
  options: TaskOptions<IS, OS>,
): TaskType<z.output<IS>, z.output<OS>, z.input<IS>> {
  const valid = validateTaskOptions(options);
  const jsonSchema = Object.freeze({
    input: toTaskJsonSchema(valid.type, 'input', options.input),
    output: toTaskJsonSchema(valid.type, 'output', options.output),
  });
  const handlers = options.batch ? { runBatch: options.runBatch } : { run: options.run };
  const taskType = {
    ...valid,
    resources: Object.freeze(valid.resources),
    input: options.input,
    output: options.output,
    jsonSchema,
    ...handlers,
  };
  Object.defineProperty(taskType, TASK_TYPE_BRAND, { value: 1, enumerable: false });
  return Object.freeze(taskType) as TaskType<z.output<IS>, z.output<OS>, z.input<IS>>;
}
