import { z } from 'zod';
import { ErrorBodySchema } from '../openapi/error-responses';
import { RunStatusSchema, StartRunSchema } from './run.schemas';

/**
 * What the document says a batch is: items of the single start's shape
 * (the same schema object, so a field added there is one here). The body
 * is validated by StartRunBatchEnvelope, then each item on its own, so an
 * item that does not match is rejected in its own result, not the batch.
 */
export const StartRunBatchSchema = z
  .object({
    runs: z
      .array(StartRunSchema)
      .min(1)
      .describe('The runs to start, each as `POST /workflows/{name}/runs` takes it; at most API_RUN_BATCH_MAX.'),
  })
  .strict()
  .meta({
    id: 'StartRunBatch',
    example: {
      runs: [{ input: { orderId: 'A-1001' }, idempotencyKey: 'order-A-1001' }, { input: { orderId: 'A-1002' } }],
    },
  });

/** The batch as validated before its items are: an array, each item checked later against StartRunSchema. */
export const StartRunBatchEnvelope = z.object({ runs: z.array(z.unknown()).min(1) }).strict();

const startedFields = {
  id: z.uuid(),
  status: RunStatusSchema,
  workflow: z.string(),
  version: z.int().min(1).describe('The version the run is pinned to.'),
};

export const RunBatchItemSchema = z
  .discriminatedUnion('result', [
    z.object({ result: z.literal('created').describe('Started by this request (201 on its own).'), ...startedFields }),
    z.object({
      result: z
        .literal('existing')
        .describe('Its idempotency key matched an earlier run, or an earlier item of this batch: that run.'),
      ...startedFields,
    }),
    z.object({
      result: z.literal('rejected').describe('Not started; `error` is what the single start would have answered.'),
      error: ErrorBodySchema,
    }),
  ])
  .meta({ id: 'RunBatchItem' });

export type RunBatchItemView = z.infer<typeof RunBatchItemSchema>;

export const RunBatchResultSchema = z
  .object({
    created: z.int().min(0),
    existing: z.int().min(0),
    rejected: z.int().min(0),
    items: z.array(RunBatchItemSchema).describe('One result per item of the request, in its order.'),
  })
  .meta({ id: 'RunBatchResult' });

export type RunBatchResultView = z.infer<typeof RunBatchResultSchema>;
