import path from 'node:path';
import type { ExecutionRequest, ExecutionResult } from '../execution/execution-types';
import { TaskHost, type TaskHostOptions } from '../execution/task-host';
import { loadPlugin } from '../plugin/load-plugin';
import { definePlugin } from '../plugin/plugin';

// Worker threads load plain JavaScript: the fixture plugin and the runner come from libs/sdk/dist (built by `tsc -b`).
const fixture = path.resolve(__dirname, '../../fixtures/isolation-plugin.cjs');

// Every test starts worker threads, which a busy machine can take seconds over.
jest.setTimeout(30_000);

const request = (input: unknown, extra: Partial<ExecutionRequest> = {}): ExecutionRequest => ({
  input,
  attempt: 1,
  runId: 'run',
  taskId: 'task',
  taskKey: 'key',
  ...extra,
});

/**
 * Polls a pool's stats, which settle a little after the call that changed them returns. Returns as soon as
 * they have, so the limit can allow for a busy machine.
 */
async function settled(check: () => boolean): Promise<void> {
  const until = Date.now() + 10_000;
  while (!check() && Date.now() < until) await new Promise((resolve) => setTimeout(resolve, 5));
}

/** A host of the fixture plugin with settings of its own, for one test, closed after it whatever happens. */
async function withOwnHost(
  options: Omit<TaskHostOptions, 'plugin' | 'pluginSpecifier'>,
  use: (host: TaskHost) => Promise<void>,
): Promise<void> {
  const own = new TaskHost({ plugin: await loadPlugin(fixture), pluginSpecifier: fixture, ...options });
  try {
    await use(own);
  } finally {
    await own.close();
  }
}

function output(result: ExecutionResult): Record<string, unknown> {
  if (result.status !== 'succeeded') throw new Error(`task failed: ${result.error.name}: ${result.error.message}`);
  return result.output as Record<string, unknown>;
}

describe('thread isolation', () => {
  let host: TaskHost;
  beforeAll(async () => {
    host = new TaskHost({ plugin: await loadPlugin(fixture), pluginSpecifier: fixture, poolSize: 2, killGraceMs: 100 });
  });
  afterAll(() => host.close());

  it('runs in a worker thread and reuses the warm worker for the next task', async () => {
    const first = output(await host.execute('fx.thread.whoami', request({})));
    const second = output(await host.execute('fx.thread.whoami', request({}, { attempt: 2 })));
    expect(first.pid).toBe(process.pid);
    expect(first.threadId).not.toBe(0);
    expect(second).toEqual({ ...first, attempt: 2 });
  });

  it('grows the pool up to poolSize for concurrent tasks, and no further', async () => {
    const results = await Promise.all([1, 2, 3, 4].map(() => host.execute('fx.thread.wait', request({ ms: 50 }))));
    const threads = new Set(results.map((r) => output(r).threadId));
    expect(threads.size).toBeLessThanOrEqual(2);
    // Under load the second worker may still be starting when the first has served every call.
    const pool = () => host.stats().find((s) => s.taskType === 'fx.thread.wait');
    await settled(() => pool()?.idle === 2);
    expect(pool()).toMatchObject({ mode: 'thread', size: 2, busy: 0, idle: 2 });
  });

  it('terminates a worker that ignores its abort signal at the timeout, and replaces it', async () => {
    output(await host.execute('fx.thread.spin', request({ ms: 1 })));
    const started = Date.now();
    const result = await host.execute('fx.thread.spin', request({ ms: 60_000 }, { timeoutMs: 200 }));
    // Far short of the handler's 60 s (and of its type's 10 s default timeout), with room for a busy machine.
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(result).toMatchObject({
      status: 'failed',
      error: { name: 'TaskTimeoutError', kind: 'timeout', message: 'fx.thread.spin timed out after 200 ms' },
    });
    const after = output(await host.execute('fx.thread.spin', request({ ms: 1 })));
    expect(after.done).toBe(true);
    // The replacement may serve that call before the spinning worker's grace period ends and the kill lands.
    const pool = () => host.stats().find((s) => s.taskType === 'fx.thread.spin');
    await settled(() => pool()?.size === 1);
    expect(pool()).toMatchObject({ size: 1, idle: 1, zombies: 0 });
  });

  it('keeps a worker whose handler stops on abort within the grace period', async () => {
    // Its own host, with a grace period no busy machine outlasts: the worker's answer clears the kill timer,
    // so only a worker that never stops would wait it out. The shared host's short one is for the spin test.
    await withOwnHost({ poolSize: 2, killGraceMs: 60_000 }, async (patient) => {
      const first = output(await patient.execute('fx.thread.wait', request({ ms: 1 })));
      const timedOut = await patient.execute('fx.thread.wait', request({ ms: 60_000 }, { timeoutMs: 100 }));
      expect(timedOut).toMatchObject({ status: 'failed', error: { kind: 'timeout' } });
      // The attempt settles at the timeout; the worker finishes its abort just after and goes back to the pool.
      const pool = () => patient.stats().find((s) => s.taskType === 'fx.thread.wait');
      await settled(() => pool()?.busy === 0);
      expect(pool()).toMatchObject({ size: 1, idle: 1, zombies: 0 });
      const again = output(await patient.execute('fx.thread.wait', request({ ms: 1 })));
      expect(again.threadId).toBe(first.threadId);
    });
  });

  it('fails a task over its heap limit with ResourceLimitError, and the host keeps serving', async () => {
    const result = await host.execute('fx.thread.hog', request({}));
    expect(result).toMatchObject({
      status: 'failed',
      error: {
        name: 'ResourceLimitError',
        kind: 'resource_limit',
        retryable: true,
        message: 'fx.thread.hog went over its memory limit of 64 MB (worker thread heap)',
      },
    });
    expect(output(await host.execute('fx.thread.whoami', request({}))).pid).toBe(process.pid);
  });

  it('fails the attempt when the worker crashes outside the handler, and replaces it', async () => {
    const result = await host.execute('fx.thread.crash', request({}));
    expect(result).toMatchObject({
      status: 'failed',
      error: { kind: 'retryable', message: expect.stringContaining('boom outside the handler') },
    });
    expect((await host.execute('fx.thread.crash', request({}))).status).toBe('failed');
  });

  it('streams log lines, console output and heartbeats back to the attempt', async () => {
    const beats: unknown[] = [];
    const result = await host.execute('fx.thread.chatty', request({ lines: 2 }, { onHeartbeat: (d) => beats.push(d) }));
    expect(output(result)).toEqual({ ok: true });
    expect(result.logs.map((l) => [l.level, l.msg])).toEqual([
      ['info', 'line 0'],
      ['info', 'line 1'],
      ['info', 'hello from console'],
    ]);
    expect(beats).toEqual([{ progress: 1 }]);
  });

  it('bounds log lines in the worker too', async () => {
    await withOwnHost({ poolSize: 1, maxLogLines: 3 }, async (bounded) => {
      const result = await bounded.execute('fx.thread.chatty', request({ lines: 100 }));
      expect(result.logs).toHaveLength(4);
      expect(result.logs[3].msg).toMatch(/^log truncated: 98 more line\(s\) dropped/);
    });
  });

  it('runs batches in a worker', async () => {
    const results = await Promise.all([1, 2, 3].map((i) => host.execute('fx.thread.batch', request({ i }))));
    expect(results.map((r) => output(r).size)).toEqual([3, 3, 3]);
  });

  it('warmUp starts a worker ahead of the first task; a bad pluginSpecifier fails there', async () => {
    const full = await loadPlugin(fixture);
    const plugin = definePlugin({
      name: 'subset',
      version: '1',
      tasks: full.tasks.filter((t) => t.type === 'fx.thread.whoami'),
    });
    const warm = new TaskHost({ plugin, pluginSpecifier: fixture, poolSize: 1 });
    const wrong = path.resolve(__dirname, '../../fixtures/plugins/module-exports.cjs');
    const mismatched = new TaskHost({ plugin, pluginSpecifier: wrong, poolSize: 1 });
    try {
      await warm.warmUp();
      expect(warm.stats().find((s) => s.taskType === 'fx.thread.whoami')).toMatchObject({ size: 1, idle: 1 });
      await expect(mismatched.warmUp()).rejects.toThrow(
        /thread worker for fx.thread.whoami could not start: plugin "cjs-plain" loaded from .*module-exports.cjs has no task type "fx.thread.whoami"/,
      );
      expect(await mismatched.execute('fx.thread.whoami', request({}))).toMatchObject({
        status: 'failed',
        error: { name: 'PluginLoadError' },
      });
    } finally {
      await Promise.all([warm.close(), mismatched.close()]);
    }
  });

  it('warmUp(types) starts workers only for the task types named', async () => {
    await withOwnHost({ poolSize: 1 }, async (warm) => {
      await warm.warmUp(['fx.thread.whoami', 'fx.inline.whoami']);
      const pools = warm.stats().filter((s) => s.mode !== 'inline');
      expect(pools.map((s) => [s.taskType, s.size])).toEqual([['fx.thread.whoami', 1]]);
    });
  });

  it('refuses an output past maxOutputBytes, in a worker thread (before it is copied out) and inline', async () => {
    await withOwnHost({ poolSize: 1, maxOutputBytes: 1_000 }, async (limited) => {
      expect(output(await limited.execute('fx.thread.big', request({ bytes: 100 }))).text).toHaveLength(100);
      for (const type of ['fx.thread.big', 'fx.inline.big']) {
        expect(await limited.execute(type, request({ bytes: 5_000 }))).toMatchObject({
          status: 'failed',
          error: { name: 'OutputTooLargeError', kind: 'non_retryable', retryable: false },
        });
      }
    });
  });
});
