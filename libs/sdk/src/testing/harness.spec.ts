import path from 'node:path';
import { z } from 'zod';
import { TaskHostConfigError } from '../errors/sdk-errors';
import { TaskTimeoutError } from '../errors/task-errors';
import { loadPlugin } from '../plugin/load-plugin';
import { defineTask } from '../task/define-task';
import { createMockContext, expectFailed, expectSucceeded, runTask, runTasks } from './index';

const double = defineTask({
  type: 'demo.double',
  description: 'doubles n',
  input: z.object({ n: z.number() }),
  output: z.object({ n: z.number() }),
  run: ({ n }, ctx) => {
    ctx.logger.info('doubling', { n, attempt: ctx.attempt });
    return { n: n * 2 };
  },
});

const fixture = path.resolve(__dirname, '../../fixtures/isolation-plugin.cjs');

describe('@taskloom/sdk/testing', () => {
  it('runTask runs a task with validation and returns the typed output', async () => {
    const result = await runTask(double, { n: 21 }, { attempt: 3 });
    expect(expectSucceeded(result)).toEqual({ n: 42 });
    expect(result.logs).toMatchObject([{ msg: 'doubling', fields: { n: 21, attempt: 3 } }]);
  });

  it('expectSucceeded throws with the error kind, message and logs', async () => {
    const result = await runTask(double, { n: 'x' });
    expect(() => expectSucceeded(result)).toThrow(
      /expected the task to succeed, but it failed: InputValidationError \[non_retryable\]: input of demo.double/,
    );
    expect(expectFailed(result).kind).toBe('non_retryable');
    const succeeded = await runTask(double, { n: 1 });
    expect(() => expectFailed(succeeded)).toThrow(/expected the task to fail, but it succeeded with \{"n":2\}/);
  });

  it('runTasks runs inputs concurrently on one host', async () => {
    const results = await runTasks(double, [{ n: 1 }, { n: 2 }]);
    expect(results.map((r) => expectSucceeded(r).n)).toEqual([2, 4]);
  });

  it('needs a pluginSpecifier for thread and process isolation, and says so', async () => {
    await expect(runTask(double, { n: 1 }, { isolation: 'thread' })).rejects.toThrow(TaskHostConfigError);
    await expect(runTask(double, { n: 1 }, { isolation: 'process' })).rejects.toThrow(
      /pass \{ pluginSpecifier \}.*or \{ isolation: 'inline' \}/,
    );
  });

  it('runs a task type in another isolation mode than it declares', async () => {
    const plugin = await loadPlugin(fixture);
    const whoami = plugin.tasks.find((t) => t.type === 'fx.inline.whoami');
    if (!whoami) throw new Error('fixture lacks fx.inline.whoami');
    expect(expectSucceeded(await runTask(whoami, {}))).toMatchObject({ pid: process.pid, threadId: 0 });
    expect(
      expectSucceeded(await runTask(whoami, {}, { isolation: 'process', pluginSpecifier: fixture })),
    ).not.toMatchObject({ pid: process.pid });
  });

  it('applies the timeout', async () => {
    const plugin = await loadPlugin(fixture);
    const wait = plugin.tasks.find((t) => t.type === 'fx.inline.wait');
    if (!wait) throw new Error('fixture lacks fx.inline.wait');
    expect(expectFailed(await runTask(wait, { ms: 10_000 }, { timeoutMs: 20 }))).toMatchObject({ kind: 'timeout' });
  });

  it('createMockContext lets a handler be called directly', async () => {
    const mock = createMockContext({ attempt: 2 });
    expect(await double.run?.({ n: 2 }, mock.ctx)).toEqual({ n: 4 });
    expect(mock.logs).toMatchObject([{ level: 'info', msg: 'doubling', fields: { n: 2, attempt: 2 } }]);
    mock.ctx.heartbeat({ pct: 50 });
    expect(mock.heartbeats).toEqual([{ pct: 50 }]);
    mock.abort(new TaskTimeoutError('late'));
    expect(mock.ctx.signal.reason).toBeInstanceOf(TaskTimeoutError);
  });
});
