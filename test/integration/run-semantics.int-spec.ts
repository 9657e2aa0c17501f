import type { WorkflowDefinition } from '@taskloom/engine';
import { ValidationError } from '@taskloom/orchestrator';
import { OrchestratorHarness } from '../support/orchestrator-harness';

describe('run semantics on a real PostgreSQL', () => {
  let harness: OrchestratorHarness;

  beforeAll(async () => {
    harness = await OrchestratorHarness.create('run-semantics');
  });

  afterAll(async () => {
    await harness?.close();
  });

  async function run(definition: WorkflowDefinition, input: unknown = {}) {
    await harness.define(definition);
    return harness.starter.start({ workflow: definition.name, input: input as never, tenant: 'default' });
  }

  async function statuses(runId: string): Promise<Record<string, string>> {
    const rows = await harness.taskRows(runId);
    return Object.fromEntries(rows.filter((row) => row.item_index === null).map((row) => [row.key, row.status]));
  }

  it('skips what a failure makes impossible and runs what the trigger rules still allow', async () => {
    const started = await run({
      name: 'rules',
      tasks: [
        { key: 'ok', type: 'core.noop' },
        { key: 'bad', type: 'core.fail', retry: { maxAttempts: 1 } },
        { key: 'needs_all', type: 'core.noop', dependsOn: ['ok', 'bad'] },
        { key: 'after_skip', type: 'core.noop', dependsOn: ['needs_all'] },
        { key: 'on_failure', type: 'core.noop', dependsOn: ['ok', 'bad'], trigger: 'one_failed' },
        { key: 'either', type: 'core.noop', dependsOn: ['ok', 'bad'], trigger: 'one_success' },
        { key: 'cleanup', type: 'core.noop', dependsOn: ['needs_all', 'on_failure'], trigger: 'all_done' },
        { key: 'no_failures', type: 'core.noop', dependsOn: ['needs_all'], trigger: 'none_failed' },
      ],
    });
    const final = await harness.drive(started.id, (task) => ({ fail: task.key === 'bad' }));
    expect(final.status).toBe('failed');
    expect(final.error).toMatchObject({ name: 'TasksFailed', tasks: ['bad'] });
    expect(await statuses(started.id)).toEqual({
      ok: 'succeeded',
      bad: 'failed',
      needs_all: 'skipped',
      after_skip: 'skipped',
      on_failure: 'succeeded',
      either: 'succeeded',
      cleanup: 'succeeded',
      no_failures: 'succeeded',
    });
  });

  it('skips a task whose `when` is false, renders typed templates, and maps the run output', async () => {
    const started = await run(
      {
        name: 'conditions',
        tasks: [
          {
            key: 'count',
            type: 'core.noop',
            input: { n: '{{ run.input.n }}', list: '{{ run.input.list }}', label: 'n={{ run.input.n }}' },
          },
          { key: 'big', type: 'core.noop', dependsOn: ['count'], when: 'tasks.count.output.n > 10' },
          {
            key: 'small',
            type: 'core.noop',
            dependsOn: ['count'],
            when: 'tasks.count.output.n <= 10',
            input: { n: '{{ tasks.count.output.n }}' },
          },
        ],
        output: {
          n: '{{ tasks.count.output.n }}',
          list: '{{ tasks.count.output.list }}',
          small: '{{ tasks.small.output }}',
        },
      },
      { n: 3, list: [7] },
    );
    const final = await harness.drive(started.id);
    expect(final.status).toBe('succeeded');
    expect(await statuses(started.id)).toEqual({ count: 'succeeded', big: 'skipped', small: 'succeeded' });
    expect(final.output).toEqual({ n: 3, list: [7], small: { n: 3 } });
  });

  it('fans out a 2,000-item forEach and collects the outputs in item order', async () => {
    const items = Array.from({ length: 2_000 }, (_, i) => `sku-${i}`);
    const started = await run(
      {
        name: 'fan',
        tasks: [
          { key: 'list', type: 'core.noop', input: { items: '{{ run.input.items }}' } },
          {
            key: 'price',
            type: 'core.noop',
            dependsOn: ['list'],
            forEach: '{{ tasks.list.output.items }}',
            input: { sku: '{{ item }}', at: '{{ index }}' },
          },
          {
            key: 'total',
            type: 'core.noop',
            dependsOn: ['price'],
            input: { count: '{{ $count(tasks.price.output) }}' },
          },
        ],
        output: {
          count: '{{ tasks.total.output.count }}',
          first: '{{ tasks.price.output[0] }}',
          last: '{{ tasks.price.output[-1] }}',
        },
      },
      { items },
    );
    const final = await harness.drive(started.id);
    expect(final.status).toBe('succeeded');
    expect(final.output).toEqual({ count: 2_000, first: { sku: 'sku-0', at: 0 }, last: { sku: 'sku-1999', at: 1999 } });
    const [group] = await harness.database.query<{ output: { at: number }[] }>(
      `SELECT output FROM tasks WHERE run_id = $1 AND key = 'price' AND item_index IS NULL`,
      [started.id],
    );
    expect(group!.output.map((entry) => entry.at)).toEqual(items.map((_, i) => i));
  }, 180_000); // two thousand claims and outcomes, which a loaded machine can take past the default timeout over

  it('runs a sub-workflow and gives its output to the parent task', async () => {
    await harness.define({
      name: 'child',
      tasks: [{ key: 'double', type: 'core.noop', input: { v: '{{ run.input.v * 2 }}' } }],
      output: { v: '{{ tasks.double.output.v }}' },
    });
    const started = await run(
      {
        name: 'parent',
        tasks: [
          { key: 'call', workflow: 'child', input: { v: '{{ run.input.v }}' } },
          { key: 'use', type: 'core.noop', dependsOn: ['call'], input: { got: '{{ tasks.call.output.v }}' } },
        ],
        output: { got: '{{ tasks.use.output.got }}' },
      },
      { v: 21 },
    );
    const final = await harness.drive(started.id);
    expect(final).toMatchObject({ status: 'succeeded', output: { got: 42 } });
  });

  it('validates run input against the inputSchema', async () => {
    await harness.define({
      name: 'typed',
      inputSchema: { type: 'object', properties: { n: { type: 'number' } }, required: ['n'] },
      tasks: [{ key: 'a', type: 'core.noop' }],
    });
    await expect(harness.starter.start({ workflow: 'typed', input: { n: 'x' }, tenant: 'default' })).rejects.toThrow(
      ValidationError,
    );
    await expect(
      harness.starter.start({ workflow: 'typed', input: { n: 'x' }, tenant: 'default' }),
    ).rejects.toMatchObject({
      details: [{ path: 'input.n', message: 'must be number' }],
    });
  });

  it('holds a retry in PostgreSQL until its backoff has passed, recording every attempt', async () => {
    // Long enough that the claim right after the failure still comes within it.
    const delayMs = 3_000;
    const started = await run({
      name: 'backoff',
      tasks: [{ key: 'flaky', type: 'core.fail', retry: { maxAttempts: 3, backoff: 'fixed', delayMs, jitter: false } }],
    });
    const [first] = await harness.claimAndStart('00000000-0000-4000-8000-00000000e1e1');
    await harness.attempts.complete([
      {
        taskId: first!.taskId,
        runId: first!.runId,
        definitionId: first!.definitionId,
        attempt: 1,
        status: 'failed',
        error: { name: 'Boom', message: 'no' },
        retry: first!.retry as never,
        maxAttempts: 3,
        priority: 1,
        executorId: null,
        startedAt: null,
        durationMs: 5,
      },
    ]);
    expect(await harness.claim()).toEqual([]);
    // Measured from the failed attempt's record, written in the same transaction: exactly the backoff, however
    // long ago that was.
    const [row] = await harness.database.query(
      `SELECT t.status, t.attempt, (extract(epoch FROM t.available_at - a.finished_at) * 1000)::float8 AS held_ms
         FROM tasks t JOIN task_attempts a ON a.task_id = t.id AND a.attempt = 1
        WHERE t.id = $1`,
      [first!.taskId],
    );
    expect(row).toEqual({ status: 'ready', attempt: 2, held_ms: delayMs });
    // No sleep for the backoff: drive keeps claiming until the retry is due (its own failures ask for none).
    const final = await harness.drive(started.id, (task) => ({ fail: task.attempt < 3 }));
    expect(final.status).toBe('succeeded');
    const attempts = await harness.database.query(
      'SELECT attempt, status FROM task_attempts WHERE task_id = $1 ORDER BY attempt',
      [first!.taskId],
    );
    expect(attempts).toEqual([
      { attempt: 1, status: 'failed' },
      { attempt: 2, status: 'failed' },
      { attempt: 3, status: 'succeeded' },
    ]);
  });

  it('returns the first run for a repeated idempotency key', async () => {
    await harness.define({ name: 'idem', tasks: [{ key: 'a', type: 'core.noop' }] });
    const first = await harness.starter.start({
      workflow: 'idem',
      input: {},
      tenant: 'default',
      idempotencyKey: 'order-1',
    });
    const again = await harness.starter.start({
      workflow: 'idem',
      input: { other: true },
      tenant: 'default',
      idempotencyKey: 'order-1',
    });
    expect(first.created).toBe(true);
    expect(again).toMatchObject({ id: first.id, created: false });
    await harness.drive(first.id);
  });

  it('creates concurrent starts together: one run per idempotency key, however many ask at once', async () => {
    await harness.define({
      name: 'idem-burst',
      tasks: [{ key: 'a', type: 'core.noop', input: { i: '{{ run.input.i }}' } }],
    });
    const starts = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        harness.starter.start({
          workflow: 'idem-burst',
          input: { i },
          tenant: 'default',
          idempotencyKey: i % 2 === 0 ? 'even' : `odd-${i}`,
        }),
      ),
    );
    const evens = starts.filter((_, i) => i % 2 === 0);
    expect(new Set(evens.map((start) => start.id)).size).toBe(1);
    expect(evens.filter((start) => start.created)).toHaveLength(1);
    expect(starts.filter((_, i) => i % 2 === 1).every((start) => start.created)).toBe(true);
    for (const id of new Set(starts.map((start) => start.id)))
      expect((await harness.drive(id)).status).toBe('succeeded');
  });

  it('starts plain roots ready and activates the others in the same batch, failing a root whose input cannot render', async () => {
    await harness.define({
      name: 'plain-root',
      tasks: [{ key: 'a', type: 'core.noop', input: { n: '{{ run.input.n }}' } }],
    });
    await harness.define({
      name: 'guarded-root',
      tasks: [
        { key: 'maybe', type: 'core.noop', when: 'run.input.n > 1' },
        { key: 'broken', type: 'core.noop', input: { x: '{{ $error("no input for you") }}' } },
      ],
    });
    const [plain, guarded] = await Promise.all([
      harness.starter.start({ workflow: 'plain-root', input: { n: 1 }, tenant: 'default' }),
      harness.starter.start({ workflow: 'guarded-root', input: { n: 1 }, tenant: 'default' }),
    ]);
    expect((await harness.taskRows(plain.id)).map((row) => [row.key, row.status])).toEqual([['a', 'ready']]);
    expect((await harness.drive(plain.id)).status).toBe('succeeded');
    const final = await harness.drive(guarded.id);
    expect(final.status).toBe('failed');
    expect(await statuses(guarded.id)).toEqual({ maybe: 'skipped', broken: 'failed' });
  });

  it('cancels, pauses, resumes and retries runs', async () => {
    await harness.define({
      name: 'controlled',
      tasks: [
        { key: 'a', type: 'core.noop' },
        { key: 'b', type: 'core.fail', dependsOn: ['a'], retry: { maxAttempts: 1 } },
        { key: 'c', type: 'core.noop', dependsOn: ['b'] },
      ],
    });
    const cancelled = await harness.starter.start({ workflow: 'controlled', input: {}, tenant: 'default' });
    await harness.control.cancel(cancelled.id);
    expect(await harness.runStatus(cancelled.id)).toMatchObject({ status: 'cancelled' });
    expect(Object.values(await statuses(cancelled.id))).toEqual(['cancelled', 'cancelled', 'cancelled']);
    await expect(harness.control.cancel(cancelled.id)).rejects.toThrow(/cancelled; cannot cancel/);

    const paused = await harness.starter.start({ workflow: 'controlled', input: {}, tenant: 'default' });
    await harness.control.pause(paused.id);
    expect(await harness.claim()).toEqual([]);
    await harness.control.resume(paused.id);
    let failing = true;
    const failed = await harness.drive(paused.id, (task) => ({ fail: task.key === 'b' && failing }));
    expect(failed.status).toBe('failed');
    expect(await statuses(paused.id)).toEqual({ a: 'succeeded', b: 'failed', c: 'skipped' });

    failing = false;
    await harness.control.retry(paused.id);
    const retried = await harness.drive(paused.id, (task) => ({ fail: task.key === 'b' && failing }));
    expect(retried.status).toBe('succeeded');
    const rows = await harness.taskRows(paused.id);
    expect(rows.map((row) => [row.key, row.status, row.attempt])).toEqual([
      ['a', 'succeeded', 1],
      ['b', 'succeeded', 2],
      ['c', 'succeeded', 1],
    ]);
  });

  it('registers and runs a 1,000-task definition', async () => {
    const tasks = Array.from({ length: 1_000 }, (_, i) => ({
      key: `t${i}`,
      type: 'core.noop',
      ...(i === 0 ? {} : { dependsOn: [`t${Math.floor((i - 1) / 2)}`] }),
    }));
    const started = await run({ name: 'thousand', tasks });
    const final = await harness.drive(started.id);
    expect(final.status).toBe('succeeded');
    const [count] = await harness.database.query(
      `SELECT count(*)::int AS n FROM tasks WHERE run_id = $1 AND status = 'succeeded'`,
      [started.id],
    );
    expect(count.n).toBe(1_000);
  });
});
