/**
 * Type-level tests for defineTask and definePlugin, checked by
 * define-task.types.spec.ts with the TypeScript compiler: every
 * `@ts-expect-error` line must be an error, and nothing else may be.
 * Never executed.
 */
import { defineTask, definePlugin, z, type TaskContext, type TaskType, type BatchTaskContext } from '../index';
import { runTask, expectSucceeded } from '../testing/index';

type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
function assertType<T extends true>(): T | void {}

export function typeTests(): void {
  // Input and output types come from the schemas.
  const sleep = defineTask({
    type: 'demo.sleep',
    description: 'd',
    input: z.object({ ms: z.number(), label: z.string().optional() }),
    output: z.object({ sleptMs: z.number() }),
    run: async (input, ctx) => {
      assertType<Equal<typeof input, { ms: number; label?: string | undefined }>>();
      assertType<Equal<typeof ctx, TaskContext>>();
      ctx.logger.info('typed');
      // @ts-expect-error: not in the input schema
      void input.nope;
      return { sleptMs: input.ms };
    },
  });
  assertType<Equal<typeof sleep, TaskType<{ ms: number; label?: string | undefined }, { sleptMs: number }>>>();

  // Defaults and transforms: the handler sees the parsed (output) type.
  defineTask({
    type: 'demo.defaults',
    description: 'd',
    input: z.object({ n: z.number().default(1) }),
    output: z.object({ n: z.number() }),
    run: (input) => {
      assertType<Equal<typeof input.n, number>>();
      return input;
    },
  });

  defineTask({
    type: 'demo.wrong-output',
    description: 'd',
    input: z.object({}),
    output: z.object({ ok: z.boolean() }),
    // @ts-expect-error: the output must match the output schema
    run: () => ({ ok: 'yes' }),
  });

  // @ts-expect-error: a task without batch needs run
  defineTask({ type: 'demo.no-run', description: 'd', input: z.object({}), output: z.object({}) });

  // @ts-expect-error: a batching task has runBatch, not run
  defineTask({
    type: 'demo.batch-with-run',
    description: 'd',
    input: z.object({}),
    output: z.object({}),
    batch: { maxSize: 10, maxWaitMs: 5 },
    run: () => ({}),
  });

  const echo = defineTask({
    type: 'demo.batch',
    description: 'd',
    input: z.object({ id: z.string() }),
    output: z.object({ id: z.string(), size: z.number() }),
    batch: { maxSize: 10, maxWaitMs: 5 },
    runBatch: (inputs, ctx) => {
      assertType<Equal<typeof inputs, { id: string }[]>>();
      assertType<Equal<typeof ctx, BatchTaskContext>>();
      return inputs.map((i) => ({ id: i.id, size: ctx.items.length }));
    },
  });

  // @ts-expect-error: runBatch needs batch options
  defineTask({
    type: 'demo.runbatch-without-batch',
    description: 'd',
    input: z.object({}),
    output: z.object({}),
    runBatch: () => [],
  });

  defineTask({
    type: 'demo.bad-profile',
    description: 'd',
    input: z.object({}),
    output: z.object({}),
    // @ts-expect-error: not a resource profile name
    resources: 'gpu-intensive',
    run: () => ({}),
  });

  defineTask({
    type: 'demo.bad-isolation',
    description: 'd',
    input: z.object({}),
    output: z.object({}),
    // @ts-expect-error: not an isolation mode
    isolation: 'docker',
    run: () => ({}),
  });

  definePlugin({ name: 'demo', version: '1.0.0', tasks: [sleep, echo] });
  // @ts-expect-error: tasks must be task types
  definePlugin({ name: 'demo', version: '1.0.0', tasks: [{ type: 'x.y' }] });

  // The harness keeps the output type.
  void (async () => {
    const output = expectSucceeded(await runTask(sleep, { ms: 1 }));
    assertType<Equal<typeof output, { sleptMs: number }>>();
    void output.sleptMs;
  })();
}
