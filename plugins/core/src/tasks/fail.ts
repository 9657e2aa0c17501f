import { defineTask, NonRetryableError, TaskError, z } from '@taskloom/sdk';

/**
 * Fails on purpose, for testing retry policies: a retryable TaskError until
 * ctx.attempt reaches succeedOnAttempt (never, without it); a
 * NonRetryableError instead with `retryable: false`.
 */
export const fail = defineTask({
  type: 'core.fail',
  description: 'Fails until attempt succeedOnAttempt (or always); for testing retries.',
  input: z.object({
    message: z.string().max(1_000).optional(),
    succeedOnAttempt: z.number().int().min(1).optional(),
    retryable: z.boolean().default(true),
  }),
  output: z.object({ attempt: z.number().int() }),
  resources: 'io-intensive',
  run: ({ message, succeedOnAttempt, retryable }, ctx) => {
    if (succeedOnAttempt !== undefined && ctx.attempt >= succeedOnAttempt) return { attempt: ctx.attempt };
    const text = message ?? `core.fail: failing attempt ${ctx.attempt}`;
    ctx.logger.info('failing on purpose', { attempt: ctx.attempt, succeedOnAttempt });
    throw retryable ? new TaskError(text) : new NonRetryableError(text);
  },
});
