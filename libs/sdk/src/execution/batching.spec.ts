import { z } from 'zod';
import { definePlugin } from '../plugin/plugin';
import { defineTask } from '../task/define-task';
import type { ExecutionRequest, ExecutionResult } from './execution-types';
import { TaskHost } from './task-host';

const calls: number[] = [];

const sum = defineTask({
  type: 'demo.sum',
  description: 'adds one to each n, reporting its batch',
  input: z.object({ n: z.number(), mode: z.enum(['ok', 'throw', 'short', 'bad-one', 'slow']).default('ok') }),
  output: z.object({ n: z.number(), batchSize: z.number(), firstTaskId: z.string() }),
  batch: { maxSize: 5, maxWaitMs: 20 },
  runBatch: async (inputs, ctx) => {
    calls.push(inputs.length);
    ctx.logger.info('batch', { size: inputs.length });
    ctx.heartbeat({ size: inputs.length });
    if (inputs.some((i) => i.mode === 'throw')) throw new Error('the whole batch failed');
    if (inputs.some((i) => i.mode === 'slow')) await new Promise((resolve) => setTimeout(resolve, 100));
    const outputs = inputs.map((i) => ({
      n: i.mode === 'bad-one' ? ('nope' as unknown as number) : i.n + 1,
      batchSize: inputs.length,
      firstTaskId: ctx.items[0].taskId,
    }));
    return inputs.some((i) => i.mode === 'short') ? outputs.slice(1) : outputs;
  },
});

const host = new TaskHost({ plugin: definePlugin({ name: 'demo', version: '1', tasks: [sum] }) });
afterAll(() => host.close());
beforeEach(() => {
  calls.length = 0;
});

const request = (input: unknown, i: number, extra: Partial<ExecutionRequest> = {}): ExecutionRequest => ({
  input,
  attempt: 1,
  runId: 'run',
  taskId: `t${i}`,
  taskKey: 'sum',
  ...extra,
});

const runAll = (inputs: unknown[]): Promise<ExecutionResult[]> =>
  Promise.all(inputs.map((input, i) => host.execute('demo.sum', request(input, i))));

describe('batching task types', () => {
  it('gathers concurrent calls into one runBatch call and gives each caller its own output', async () => {
    const results = await runAll([{ n: 1 }, { n: 2 }, { n: 3 }]);
    expect(calls).toEqual([3]);
    expect(results.map((r) => r.status === 'succeeded' && r.output)).toEqual([
      { n: 2, batchSize: 3, firstTaskId: 't0' },
      { n: 3, batchSize: 3, firstTaskId: 't0' },
      { n: 4, batchSize: 3, firstTaskId: 't0' },
    ]);
    expect(results[0].logs).toMatchObject([{ msg: 'batch', fields: { size: 3 } }]);
  });

  it('splits at maxSize', async () => {
    const results = await runAll(Array.from({ length: 12 }, (_, n) => ({ n })));
    expect(calls).toEqual([5, 5, 2]);
    expect(results.every((r) => r.status === 'succeeded')).toBe(true);
  });

  it('runs a lone call after maxWaitMs', async () => {
    const started = Date.now();
    const [result] = await runAll([{ n: 41 }]);
    expect(result).toMatchObject({ status: 'succeeded', output: { n: 42, batchSize: 1 } });
    expect(Date.now() - started).toBeGreaterThanOrEqual(15);
  });

  it('fails every item when the handler throws', async () => {
    const results = await runAll([{ n: 1 }, { n: 2, mode: 'throw' }]);
    expect(results.map((r) => r.status === 'failed' && r.error.message)).toEqual([
      'the whole batch failed',
      'the whole batch failed',
    ]);
  });

  it('fails every item with a clear error when the result has the wrong length', async () => {
    const results = await runAll([{ n: 1 }, { n: 2, mode: 'short' }]);
    for (const r of results) {
      expect(r).toMatchObject({
        status: 'failed',
        error: {
          name: 'OutputValidationError',
          message: 'runBatch of demo.sum must return one output per input, in order: got 1 outputs for 2 inputs',
        },
      });
    }
  });

  it('fails only the item whose output is invalid', async () => {
    const results = await runAll([{ n: 1 }, { n: 2, mode: 'bad-one' }]);
    expect(results[0]).toMatchObject({ status: 'succeeded', output: { n: 2, batchSize: 2 } });
    expect(results[1]).toMatchObject({
      status: 'failed',
      error: {
        name: 'OutputValidationError',
        message: expect.stringMatching(/^output\[1\] of demo.sum does not match its output schema: n:/),
      },
    });
  });

  it('validates each input alone: a bad input fails only its caller', async () => {
    const results = await runAll([{ n: 1 }, { n: 'two' }, { n: 3 }]);
    expect(results.map((r) => r.status)).toEqual(['succeeded', 'failed', 'succeeded']);
    expect(calls).toEqual([2]);
  });

  it('lets a cancelled caller leave the batch without failing the others', async () => {
    const controller = new AbortController();
    const pending = [
      host.execute('demo.sum', request({ n: 1, mode: 'slow' }, 0)),
      host.execute('demo.sum', request({ n: 2 }, 1, { signal: controller.signal })),
    ];
    setTimeout(() => controller.abort(new Error('run cancelled')), 50);
    const [kept, cancelled] = await Promise.all(pending);
    expect(kept).toMatchObject({ status: 'succeeded', output: { n: 2, batchSize: 2 } });
    expect(cancelled).toMatchObject({ status: 'failed', error: { kind: 'cancelled' } });
  });
});
