import { defineTask, z } from '@taskloom/sdk';

const jsonObject = z.record(z.string(), z.json());

/** Returns its input unchanged: a placeholder step, and a probe of the pipeline's overhead. */
export const noop = defineTask({
  type: 'core.noop',
  description: 'Returns its input (any JSON object) as its output.',
  input: jsonObject,
  output: jsonObject,
  resources: 'io-intensive',
  run: (input) => input,
});
