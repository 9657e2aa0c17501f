import { defineTask, z } from '@taskloom/sdk';

/** Echoes each input with the size of the batch it ran in: shows batching at work. */
export const echoBatch = defineTask({
  type: 'core.echo-batch',
  description: 'Batching echo: returns each input object plus batchSize, the number of inputs handled together.',
  input: z.record(z.string(), z.json()),
  output: z.looseObject({ batchSize: z.number().int().min(1) }),
  resources: 'io-intensive',
  batch: { maxSize: 50, maxWaitMs: 20 },
  runBatch: (inputs, ctx) => {
    ctx.logger.debug('echo batch', { size: inputs.length });
    return inputs.map((input) => ({ ...input, batchSize: inputs.length }));
  },
});
