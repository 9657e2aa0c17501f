import { EVENT_NAME_PATTERN, JsonValueSchema } from '@taskloom/engine';
import { z } from 'zod';

export const PublishEventSchema = z
  .object({
    name: z.string().regex(EVENT_NAME_PATTERN).describe('The event name workflows listen to in their `on`.'),
    payload: JsonValueSchema.default({}).describe("Each started run's input; conditions read it as event.payload."),
    idempotencyKey: z
      .string()
      .min(1)
      .max(200)
      .optional()
      .describe('The same key (per tenant) is one event: a repeat starts nothing new and answers the same runs.'),
  })
  .strict()
  .meta({
    id: 'PublishEvent',
    example: { name: 'order.created', payload: { orderId: 'A-1001', total: 250 }, idempotencyKey: 'order-A-1001' },
  });

export type PublishEventBody = z.infer<typeof PublishEventSchema>;

export const PublishedEventSchema = z
  .object({
    id: z.uuid().describe('The stored event.'),
    runs: z
      .array(z.object({ workflow: z.string(), version: z.int().min(1), runId: z.uuid() }))
      .describe('One run per matching workflow (latest version of each).'),
    refused: z
      .array(z.object({ workflow: z.string(), message: z.string() }))
      .describe(
        'Listening workflows that started no run: their condition failed, or the payload does not fit their inputSchema.',
      ),
  })
  .meta({ id: 'PublishedEvent' });
