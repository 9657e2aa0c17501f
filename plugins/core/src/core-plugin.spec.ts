import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describeTaskType, isPlugin } from '@taskloom/sdk';
import { expectFailed, expectSucceeded, runTask, runTasks } from '@taskloom/sdk/testing';
import core, { cpu, echoBatch, fail, noop, sleep } from './index';

/** Worker threads load the BUILT plugin (plugins/core/dist), which requires @taskloom/sdk like any installed plugin. */
const builtPlugin = path.resolve(__dirname, '../dist/index.js');

describe('@taskloom/plugin-core', () => {
  it('default-exports the core plugin with every task type', () => {
    expect(isPlugin(core)).toBe(true);
    expect(core.name).toBe('core');
    const pkg = JSON.parse(readFileSync(path.resolve(__dirname, '../package.json'), 'utf8')) as { version: string };
    expect(core.version).toBe(pkg.version);
    expect(core.tasks.map((t) => t.type)).toEqual([
      'core.noop',
      'core.sleep',
      'core.fail',
      'core.cpu',
      'core.echo-batch',
    ]);
    for (const task of core.tasks)
      expect(JSON.parse(JSON.stringify(describeTaskType(task)))).toEqual(describeTaskType(task));
  });

  describe('core.noop', () => {
    it('returns its input', async () => {
      const input = { a: 1, b: [true, null, 'x'], c: { d: 2.5 } };
      expect(expectSucceeded(await runTask(noop, input))).toEqual(input);
    });

    it('accepts only a JSON object', async () => {
      expect(expectFailed(await runTask(noop, [1, 2]))).toMatchObject({ name: 'InputValidationError' });
      expect(expectFailed(await runTask(noop, 'text'))).toMatchObject({ name: 'InputValidationError' });
    });
  });

  describe('core.sleep', () => {
    it('sleeps', async () => {
      const { sleptMs } = expectSucceeded(await runTask(sleep, { ms: 30 }));
      expect(sleptMs).toBeGreaterThanOrEqual(25);
    });

    it('stops at its timeout with TaskTimeoutError', async () => {
      const started = Date.now();
      expect(expectFailed(await runTask(sleep, { ms: 60_000 }, { timeoutMs: 30 }))).toMatchObject({
        name: 'TaskTimeoutError',
        kind: 'timeout',
      });
      // Far short of the 60 s sleep (and of the type's 60 s default timeout), with room for a busy machine.
      expect(Date.now() - started).toBeLessThan(10_000);
    }, 30_000);

    it('stops when cancelled', async () => {
      const controller = new AbortController();
      setTimeout(() => controller.abort(new Error('run cancelled')), 20);
      expect(expectFailed(await runTask(sleep, { ms: 60_000 }, { signal: controller.signal }))).toMatchObject({
        kind: 'cancelled',
      });
    });

    it('rejects a negative duration', async () => {
      expect(expectFailed(await runTask(sleep, { ms: -1 })).message).toMatch(/ms: /);
    });
  });

  describe('core.fail', () => {
    it('fails with a retryable TaskError until succeedOnAttempt', async () => {
      expect(expectFailed(await runTask(fail, { succeedOnAttempt: 3 }, { attempt: 2 }))).toMatchObject({
        name: 'TaskError',
        kind: 'retryable',
        retryable: true,
        message: 'core.fail: failing attempt 2',
      });
      expect(expectSucceeded(await runTask(fail, { succeedOnAttempt: 3 }, { attempt: 3 }))).toEqual({ attempt: 3 });
      expect(expectSucceeded(await runTask(fail, { succeedOnAttempt: 3 }, { attempt: 4 }))).toEqual({ attempt: 4 });
    });

    it('always fails without succeedOnAttempt, with the given message', async () => {
      expect(expectFailed(await runTask(fail, { message: 'nope' }, { attempt: 99 }))).toMatchObject({
        message: 'nope',
        retryable: true,
      });
    });

    it('fails for good with retryable: false', async () => {
      expect(expectFailed(await runTask(fail, { retryable: false }))).toMatchObject({
        name: 'NonRetryableError',
        kind: 'non_retryable',
        retryable: false,
      });
    });
  });

  describe('core.cpu', () => {
    const expected = (iterations: number, seed = 'taskloom') => {
      let digest = seed;
      for (let i = 0; i < iterations; i++) digest = createHash('sha256').update(digest).digest('hex');
      return digest;
    };

    it('declares a cpu-intensive profile and thread isolation', () => {
      expect(cpu.isolation).toBe('thread');
      expect(cpu.resources).toMatchObject({ name: 'cpu-intensive', cpu: 1 });
    });

    it('computes the sha256 chain (inline, for speed)', async () => {
      expect(expectSucceeded(await runTask(cpu, { iterations: 1_000 }, { isolation: 'inline' }))).toEqual({
        digest: expected(1_000),
      });
    });

    it('yields as it goes, so even inline it stops at its timeout', async () => {
      const started = Date.now();
      expect(
        expectFailed(await runTask(cpu, { iterations: 50_000_000 }, { isolation: 'inline', timeoutMs: 50 })),
      ).toMatchObject({ kind: 'timeout' });
      // Fifty million hashes take minutes: well short of that, it stopped at its timeout.
      expect(Date.now() - started).toBeLessThan(10_000);
    }, 30_000);

    it('runs in a worker thread from the built plugin', async () => {
      const result = await runTask(cpu, { iterations: 12_000, seed: 'abc' }, { pluginSpecifier: builtPlugin });
      expect(expectSucceeded(result)).toEqual({ digest: expected(12_000, 'abc') });
      const timedOut = await runTask(cpu, { iterations: 50_000_000 }, { pluginSpecifier: builtPlugin, timeoutMs: 100 });
      expect(expectFailed(timedOut)).toMatchObject({
        name: 'TaskTimeoutError',
        message: 'core.cpu timed out after 100 ms',
      });
    }, 30_000); // two worker threads to start
  });

  describe('core.echo-batch', () => {
    it('handles concurrent inputs as one batch', async () => {
      const results = await runTasks(echoBatch, [{ id: 1 }, { id: 2 }, { id: 3 }, { id: 4 }]);
      expect(results.map((r) => expectSucceeded(r))).toEqual([
        { id: 1, batchSize: 4 },
        { id: 2, batchSize: 4 },
        { id: 3, batchSize: 4 },
        { id: 4, batchSize: 4 },
      ]);
    });

    it('batches at most 50', async () => {
      const results = await runTasks(
        echoBatch,
        Array.from({ length: 60 }, (_, id) => ({ id })),
      );
      expect(results.map((r) => expectSucceeded(r).batchSize)).toEqual([
        ...Array<number>(50).fill(50),
        ...Array<number>(10).fill(10),
      ]);
    });
  });
});
