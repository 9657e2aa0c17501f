import { createHash } from 'node:crypto';
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import { defineTask, z } from '@taskloom/sdk';

/** Hashes between yields: about a few milliseconds of work. */
const SLICE = 5_000;

/**
 * Burns CPU: hashes a seed with sha256 `iterations` times, in a worker
 * thread so the executor's event loop stays free. It yields to its event
 * loop every SLICE hashes, so an abort (timeout, cancel) is seen and the
 * task stops cleanly instead of being terminated.
 */
export const cpu = defineTask({
  type: 'core.cpu',
  description: 'CPU-bound sha256 hash chain of the given length, run in a worker thread.',
  input: z.object({
    iterations: z.number().int().min(1).max(50_000_000),
    seed: z.string().max(1_000).default('taskloom'),
  }),
  output: z.object({ digest: z.string().regex(/^[0-9a-f]{64}$/) }),
  resources: 'cpu-intensive',
  isolation: 'thread',
  run: async ({ iterations, seed }, ctx) => {
    let digest = seed;
    for (let i = 0; i < iterations; i++) {
      if (i % SLICE === 0 && i > 0) {
        await yieldToEventLoop();
        ctx.signal.throwIfAborted();
      }
      digest = createHash('sha256').update(digest).digest('hex');
    }
    return { digest };
  },
});
