import { z } from 'zod';
import { TaskDefinitionError } from '../errors/sdk-errors';
import type { JsonSchema } from './task-type';

/**
 * The JSON Schema of a task type's input (what callers may send) or output
 * (what the handler returns). Throws TaskDefinitionError for schemas JSON
 * cannot carry (dates, maps, output transforms): task inputs and outputs are
 * JSON-only.
 */
export function toTaskJsonSchema(type: string, which: 'input' | 'output', schema: z.ZodType): JsonSchema {
  try {
    return z.toJSONSchema(schema, { io: which, target: 'draft-2020-12' }) as JsonSchema;
  } catch (error) {
    throw new TaskDefinitionError(
      `task type "${type}": the ${which} schema cannot be represented as JSON Schema (${(error as Error).message}); task inputs and outputs must be plain JSON`,
      { cause: error },
    );
  }
}
