import { z } from 'zod';
import { TaskDefinitionError } from '../errors/sdk-errors';
import { defineTask } from './define-task';
import { describeTaskType } from './describe-task-type';
import { isTaskType } from './task-type';

const base = {
  type: 'demo.echo',
  description: 'echo',
  input: z.object({ text: z.string().min(1), times: z.number().int().default(1) }),
  output: z.object({ text: z.string() }),
  run: ({ text, times }: { text: string; times: number }) => ({ text: text.repeat(times) }),
};

describe('defineTask', () => {
  it('returns a frozen, branded task type with defaults filled in', () => {
    const task = defineTask(base);
    expect(isTaskType(task)).toBe(true);
    expect(Object.isFrozen(task)).toBe(true);
    expect(task).toMatchObject({
      type: 'demo.echo',
      isolation: 'inline',
      resources: { name: 'default', cpu: 0.25, memoryMb: 256, timeoutMs: 30_000 },
    });
    expect(task.batch).toBeUndefined();
  });

  it('resolves a named resource profile, retry defaults and isolation', () => {
    const task = defineTask({
      ...base,
      resources: 'cpu-intensive',
      isolation: 'thread',
      retry: { maxAttempts: 5, backoff: 'exponential', delayMs: 100, maxDelayMs: 1_000 },
    });
    expect(task.resources).toEqual({ name: 'cpu-intensive', cpu: 1, memoryMb: 512, timeoutMs: 300_000 });
    expect(task.retry).toEqual({ maxAttempts: 5, backoff: 'exponential', delayMs: 100, maxDelayMs: 1_000 });
    expect(task.isolation).toBe('thread');
  });

  it('keeps a default rate limit and publishes it with the type', () => {
    const task = defineTask({ ...base, rateLimit: { limit: 100, periodMs: 60_000, key: 'github-api' } });
    expect(task.rateLimit).toEqual({ limit: 100, periodMs: 60_000, key: 'github-api' });
    expect(describeTaskType(task).rateLimit).toEqual({ limit: 100, periodMs: 60_000, key: 'github-api' });
    expect(describeTaskType(defineTask(base)).rateLimit).toBeUndefined();
  });

  it.each(['noop', 'Core.noop', 'core.', '.noop', 'core..noop', 'core.no op', '1core.noop', ''])(
    'rejects the type name %j',
    (type) => {
      expect(() => defineTask({ ...base, type })).toThrow(TaskDefinitionError);
      expect(() => defineTask({ ...base, type })).toThrow(/dotted lower-case names/);
    },
  );

  it.each(['core.noop', 'http.request', 'acme-billing.invoice_send', 'a.b.c'])('accepts the type name %j', (type) => {
    expect(defineTask({ ...base, type }).type).toBe(type);
  });

  it('names the task type in every definition error', () => {
    const cases: [Record<string, unknown>, RegExp][] = [
      [{ description: '' }, /description must be a non-empty string/],
      [{ input: { not: 'zod' } }, /input must be a zod schema/],
      [{ isolation: 'docker' }, /isolation must be one of inline, thread, process/],
      [{ resources: 'gpu' }, /unknown resource profile "gpu"; use one of default, cpu-intensive/],
      [{ run: undefined }, /run\(input, ctx\) is required/],
      [{ retry: { maxAttempts: 0 } }, /retry.maxAttempts/],
      [{ retry: { delayMs: 100, maxDelayMs: 50 } }, /retry.maxDelayMs/],
      [{ batch: { maxSize: 0, maxWaitMs: 5 }, run: undefined, runBatch: () => [] }, /batch.maxSize/],
      [{ batch: { maxSize: 10, maxWaitMs: 5 }, run: undefined }, /needs runBatch/],
      [{ batch: { maxSize: 10, maxWaitMs: 5 }, runBatch: () => [] }, /has runBatch only; remove run/],
      [{ runBatch: () => [] }, /runBatch needs batch/],
      [{ rateLimit: { limit: 0, periodMs: 1000 } }, /rateLimit.limit must be an integer from 1/],
      [{ rateLimit: { limit: 10 } }, /rateLimit.periodMs must be an integer from 1 to 86400000/],
      [{ rateLimit: { limit: 10, periodMs: 1000, key: 'Bad Key' } }, /rateLimit.key must match/],
      [{ output: z.object({ at: z.date() }) }, /output schema cannot be represented as JSON Schema/],
    ];
    for (const [change, message] of cases) {
      const attempt = () => defineTask({ ...base, ...change } as never);
      expect(attempt).toThrow(TaskDefinitionError);
      expect(attempt).toThrow(/task type "demo.echo"/);
      expect(attempt).toThrow(message);
    }
  });

  it('defines a batching task with runBatch and its batch options', () => {
    const task = defineTask({
      type: 'demo.batch',
      description: 'batch',
      input: z.object({ n: z.number() }),
      output: z.object({ n: z.number() }),
      batch: { maxSize: 20, maxWaitMs: 10 },
      runBatch: (inputs) => inputs,
    });
    expect(task.batch).toEqual({ maxSize: 20, maxWaitMs: 10 });
    expect(typeof task.runBatch).toBe('function');
    expect(task.run).toBeUndefined();
  });
});

describe('describeTaskType', () => {
  it('exports input and output as JSON Schema, with the input side of defaults', () => {
    const descriptor = describeTaskType(
      defineTask({ ...base, resources: { profile: 'io-intensive', timeoutMs: 5_000 }, retry: { maxAttempts: 2 } }),
    );
    expect(descriptor).toEqual({
      type: 'demo.echo',
      description: 'echo',
      inputSchema: {
        $schema: 'https://json-schema.org/draft/2020-12/schema',
        type: 'object',
        properties: {
          text: { type: 'string', minLength: 1 },
          times: { type: 'integer', default: 1, minimum: expect.any(Number), maximum: expect.any(Number) },
        },
        required: ['text'],
      },
      outputSchema: {
        $schema: 'https://json-schema.org/draft/2020-12/schema',
        type: 'object',
        properties: { text: { type: 'string' } },
        required: ['text'],
        additionalProperties: false,
      },
      resources: { name: 'custom', cpu: 0.02, memoryMb: 32, timeoutMs: 5_000 },
      retry: { maxAttempts: 2 },
      isolation: 'inline',
    });
    expect(JSON.parse(JSON.stringify(descriptor))).toEqual(descriptor);
  });

  it('returns copies the caller may change', () => {
    const task = defineTask(base);
    const descriptor = describeTaskType(task);
    descriptor.inputSchema.type = 'string';
    expect(describeTaskType(task).inputSchema.type).toBe('object');
  });
});
