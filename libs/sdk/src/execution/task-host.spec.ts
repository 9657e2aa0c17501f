import { z } from 'zod';
import { TaskHostConfigError } from '../errors/sdk-errors';
import { NonRetryableError, RetryLaterError, TaskTimeoutError } from '../errors/task-errors';
import { definePlugin } from '../plugin/plugin';
import { defineTask } from '../task/define-task';
import type { TaskContext } from '../task/task-context';
import type { ExecutionRequest, ExecutionResult } from './execution-types';
import { TaskHost } from './task-host';

const seen: { signalReason?: unknown; lateLog?: boolean } = {};

const greet = defineTask({
  type: 'demo.greet',
  description: 'greets',
  input: z.object({ name: z.string().min(1), tags: z.array(z.string()).default([]) }),
  output: z.object({ greeting: z.string(), tags: z.array(z.string()) }),
  run: ({ name, tags }, ctx) => {
    ctx.logger.info('greeting', {
      name,
      attempt: ctx.attempt,
      runId: ctx.runId,
      taskId: ctx.taskId,
      taskKey: ctx.taskKey,
      taskType: ctx.taskType,
    });
    ctx.heartbeat({ step: 1 });
    return { greeting: `hello ${name}`, tags };
  },
});

const liar = defineTask({
  type: 'demo.liar',
  description: 'returns whatever it is told to',
  input: z.object({ output: z.json() }),
  output: z.object({ count: z.number(), nested: z.object({ ok: z.boolean() }) }),
  run: ({ output }) => output as never,
});

const unjson = defineTask({
  type: 'demo.unjson',
  description: 'returns a non-JSON value that the schema lets through',
  input: z.object({}),
  output: z.object({ value: z.unknown() }),
  run: () => ({ value: () => 1 }),
});

const hang = defineTask({
  type: 'demo.hang',
  description: 'never settles and ignores its signal',
  input: z.object({}),
  output: z.object({}),
  resources: { timeoutMs: 10_000 },
  run: (_input, ctx: TaskContext) => {
    ctx.signal.addEventListener('abort', () => {
      seen.signalReason = ctx.signal.reason;
      setTimeout(() => {
        ctx.logger.info('too late');
        seen.lateLog = true;
      }, 5);
    });
    return new Promise<never>(() => undefined);
  },
});

const thrower = defineTask({
  type: 'demo.throw',
  description: 'throws what it is told',
  input: z.object({ what: z.enum(['later', 'final', 'string', 'type']) }),
  output: z.object({}),
  run: ({ what }) => {
    if (what === 'later') throw new RetryLaterError('busy', { delayMs: 1_234 });
    if (what === 'final') throw new NonRetryableError('bad data');
    if (what === 'type') throw new TypeError('undefined is not a function');
    throw 'a bare string';
  },
});

const chatty = defineTask({
  type: 'demo.chatty',
  description: 'logs n lines of size bytes',
  input: z.object({ n: z.number().int(), size: z.number().int().default(10) }),
  output: z.object({}),
  run: ({ n, size }, ctx) => {
    for (let i = 0; i < n; i++) ctx.logger.debug(`${i}:`.padEnd(size, 'x'), { i, big: 10n, err: new Error('e') });
    return {};
  },
});

const plugin = definePlugin({ name: 'demo', version: '1.0.0', tasks: [greet, liar, unjson, hang, thrower, chatty] });

const request = (input: unknown, extra: Partial<ExecutionRequest> = {}): ExecutionRequest => ({
  input,
  attempt: 2,
  runId: 'run-1',
  taskId: 'task-1',
  taskKey: 'greet',
  ...extra,
});

function failure(result: ExecutionResult) {
  if (result.status !== 'failed') throw new Error(`expected a failure, got ${JSON.stringify(result.output)}`);
  return result.error;
}

describe('TaskHost (inline)', () => {
  let host: TaskHost;
  beforeEach(() => {
    host = new TaskHost({ plugin, maxLogLines: 5, maxLogBytes: 2_048 });
  });
  afterEach(() => host.close());

  it('runs a task: parsed input, validated output, ctx ids, logs and heartbeats', async () => {
    const beats: unknown[] = [];
    const result = await host.execute('demo.greet', request({ name: 'Ada' }, { onHeartbeat: (d) => beats.push(d) }));
    expect(result).toMatchObject({ status: 'succeeded', output: { greeting: 'hello Ada', tags: [] } });
    expect(result.durationMs).toBeGreaterThanOrEqual(0);
    expect(result.logs).toEqual([
      {
        ts: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
        level: 'info',
        msg: 'greeting',
        fields: { name: 'Ada', attempt: 2, runId: 'run-1', taskId: 'task-1', taskKey: 'greet', taskType: 'demo.greet' },
      },
    ]);
    expect(beats).toEqual([{ step: 1 }]);
  });

  it('fails bad input with InputValidationError naming the field, without running the handler', async () => {
    const error = failure(await host.execute('demo.greet', request({ name: '', tags: [1] })));
    expect(error).toMatchObject({ name: 'InputValidationError', kind: 'non_retryable', retryable: false });
    expect(error.message).toMatch(
      /input of demo.greet does not match its schema: name: .*; tags\.0: Invalid input: expected string/,
    );
  });

  it('fails non-JSON input', async () => {
    const error = failure(await host.execute('demo.greet', request({ name: 'x', when: new Date() })));
    expect(error.message).toMatch(/not plain JSON at when: a Date is not a plain JSON object/);
  });

  it('fails a wrong output with OutputValidationError and the zod issue paths', async () => {
    const error = failure(await host.execute('demo.liar', request({ output: { count: 'three', nested: { ok: 1 } } })));
    expect(error).toMatchObject({ name: 'OutputValidationError', kind: 'non_retryable' });
    expect(error.message).toMatch(
      /output of demo.liar does not match its output schema: count: .*expected number.*; nested\.ok: .*expected boolean/,
    );
    expect((await host.execute('demo.liar', request({ output: { count: 3, nested: { ok: true } } }))).status).toBe(
      'succeeded',
    );
  });

  it('fails an output that is not plain JSON', async () => {
    expect(failure(await host.execute('demo.unjson', request({}))).message).toMatch(
      /output of demo.unjson is not plain JSON at value: a function is not JSON/,
    );
  });

  it('times out a handler that ignores its signal: aborts it with TaskTimeoutError and stops waiting', async () => {
    const started = Date.now();
    const result = await host.execute('demo.hang', request({}, { timeoutMs: 50 }));
    // The handler never settles and its type's default timeout is 10 s: well short of that is this timeout's doing.
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(failure(result)).toMatchObject({
      name: 'TaskTimeoutError',
      kind: 'timeout',
      retryable: true,
      message: 'demo.hang timed out after 50 ms',
    });
    expect(seen.signalReason).toBeInstanceOf(TaskTimeoutError);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(seen.lateLog).toBe(true);
    expect(result.logs).toEqual([]); // the late line did not reach the finished attempt
  }, 30_000);

  it('cancels on the external signal: cancelled with the reason as cause, or the reason itself if it is a task error', async () => {
    const controller = new AbortController();
    const pending = host.execute('demo.hang', request({}, { signal: controller.signal }));
    controller.abort(new Error('executor shutting down'));
    expect(failure(await pending)).toMatchObject({
      name: 'TaskCancelledError',
      kind: 'cancelled',
      retryable: true,
      message: 'attempt cancelled: executor shutting down',
      cause: { message: 'executor shutting down' },
    });
    const final = new AbortController();
    final.abort(new NonRetryableError('run cancelled'));
    expect(failure(await host.execute('demo.hang', request({}, { signal: final.signal })))).toMatchObject({
      kind: 'non_retryable',
      message: 'run cancelled',
    });
  });

  it('classifies thrown errors', async () => {
    expect(failure(await host.execute('demo.throw', request({ what: 'later' })))).toMatchObject({
      kind: 'retry_later',
      retryAfterMs: 1_234,
    });
    expect(failure(await host.execute('demo.throw', request({ what: 'final' })))).toMatchObject({
      kind: 'non_retryable',
      retryable: false,
    });
    expect(failure(await host.execute('demo.throw', request({ what: 'type' })))).toMatchObject({
      name: 'TypeError',
      kind: 'retryable',
    });
    expect(failure(await host.execute('demo.throw', request({ what: 'string' })))).toMatchObject({
      name: 'NonErrorThrown',
      message: 'a bare string',
    });
  });

  it('bounds log lines by count and says how many were dropped', async () => {
    const result = await host.execute('demo.chatty', request({ n: 50 }));
    expect(result.logs).toHaveLength(6);
    expect(result.logs[0].fields).toEqual({ i: 0, big: '10', err: { name: 'Error', message: 'e' } });
    expect(result.logs[5]).toMatchObject({
      level: 'warn',
      msg: 'log truncated: 45 more line(s) dropped (limits: 5 lines, 2048 bytes)',
    });
  });

  it('bounds log lines by bytes', async () => {
    const result = await host.execute('demo.chatty', request({ n: 4, size: 900 }));
    expect(result.logs.map((l) => l.msg.slice(0, 2))).toEqual(['0:', '1:', 'lo']);
    const kept = result.logs.slice(0, -1).reduce((sum, line) => sum + Buffer.byteLength(JSON.stringify(line)), 0);
    expect(kept).toBeLessThanOrEqual(2_048);
  });

  it('fails an unknown task type without throwing', async () => {
    expect(failure(await host.execute('demo.nope', request({})))).toMatchObject({
      kind: 'non_retryable',
      message: expect.stringContaining('unknown task type "demo.nope": plugin "demo" has demo.greet'),
    });
  });

  it('fails attempts after close', async () => {
    await host.close();
    expect(failure(await host.execute('demo.greet', request({ name: 'x' })))).toMatchObject({
      kind: 'cancelled',
      message: 'task host closed',
    });
  });

  it('refuses thread or process task types without a pluginSpecifier', () => {
    const isolated = defineTask({ ...greetOptions(), type: 'demo.threaded', isolation: 'thread' });
    expect(() => new TaskHost({ plugin: definePlugin({ name: 'demo', version: '1', tasks: [isolated] }) })).toThrow(
      TaskHostConfigError,
    );
    expect(() => new TaskHost({ plugin: definePlugin({ name: 'demo', version: '1', tasks: [isolated] }) })).toThrow(
      /demo.threaded \(thread\) run in worker threads or child processes.*pass pluginSpecifier/,
    );
    expect(() => new TaskHost({ plugin: { name: 'x', version: '1', tasks: [] } })).toThrow(/made by definePlugin/);
  });
});

function greetOptions() {
  return { type: 'demo.x', description: 'x', input: z.object({}), output: z.object({}), run: () => ({}) };
}
