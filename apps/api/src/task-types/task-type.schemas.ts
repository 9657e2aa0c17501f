import { z } from 'zod';
import { timestamp } from '../runs/run.schemas';

const jsonObject = z.record(z.string(), z.unknown());

export const TaskTypeSchema = z
  .object({
    type: z.string().describe('What a task names in `type`, e.g. http.request.'),
    description: z.string(),
    plugin: z.object({ name: z.string(), version: z.string() }).describe('The plugin that publishes it.'),
    inputSchema: jsonObject.describe('JSON Schema of the task input.'),
    outputSchema: jsonObject.describe('JSON Schema of the task output.'),
    resources: jsonObject.describe('Its resource profile: what one attempt needs.'),
    retry: jsonObject.nullable().describe("The type's retry policy (null: the defaults)."),
    isolation: z.string().describe('Where its handler runs: inline, worker thread or child process.'),
    batch: jsonObject.nullable().describe('How tasks of this type are batched (null: not batched).'),
    rateLimit: jsonObject
      .nullable()
      .describe(
        "The type's default rate limit {limit, periodMs, key?}: one bucket for the type across tenants (null: none).",
      ),
    updatedAt: timestamp,
  })
  .meta({ id: 'TaskType' });

export const TaskTypeListSchema = z.object({ items: z.array(TaskTypeSchema) }).meta({ id: 'TaskTypeList' });

export type TaskTypeListView = z.infer<typeof TaskTypeListSchema>;
