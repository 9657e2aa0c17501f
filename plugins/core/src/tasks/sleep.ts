import { defineTask, z } from '@taskloom/sdk';

/** Waits `ms` milliseconds; stops early, failing with the abort reason, on timeout or cancel. */
export const sleep = defineTask({
  type: 'core.sleep',
  description: 'Waits ms milliseconds without using CPU; honours timeouts and cancellation.',
  input: z.object({ ms: z.number().int().min(0).max(86_400_000) }),
  output: z.object({ sleptMs: z.number() }),
  resources: 'io-intensive',
  run: async ({ ms }, ctx) => {
    const started = Date.now();
    await new Promise<void>((resolve, reject) => {
      const onAbort = (): void => {
        clearTimeout(timer);
        reject(ctx.signal.reason as Error);
      };
      const timer = setTimeout(() => {
        ctx.signal.removeEventListener('abort', onAbort);
        resolve();
      }, ms);
      if (ctx.signal.aborted) onAbort();
      else ctx.signal.addEventListener('abort', onAbort, { once: true });
    });
    return { sleptMs: Date.now() - started };
  },
});
