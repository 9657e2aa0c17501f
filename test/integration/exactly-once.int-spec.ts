import { randomUUID } from 'node:crypto';
import { OrchestratorHarness } from '../support/orchestrator-harness';

describe('exactly-once effects on a real PostgreSQL', () => {
  let harness: OrchestratorHarness;
  const executor = randomUUID();

  beforeAll(async () => {
    harness = await OrchestratorHarness.create('exactly-once');
    await harness.define({
      name: 'diamond',
      tasks: [
        { key: 'a', type: 'core.noop', input: { n: '{{ run.input.n }}' } },
        { key: 'b', type: 'core.noop', dependsOn: ['a'], input: { b: '{{ tasks.a.output.n }}' } },
        { key: 'c', type: 'core.noop', dependsOn: ['a'], input: { c: '{{ tasks.a.output.n }}' } },
        {
          key: 'd',
          type: 'core.noop',
          dependsOn: ['b', 'c'],
          input: { b: '{{ tasks.b.output.b }}', c: '{{ tasks.c.output.c }}' },
        },
      ],
    });
  });

  afterAll(async () => {
    await harness?.close();
  });

  it('makes a child ready exactly once when its two parents complete in the same instant, across many runs in parallel', async () => {
    const runs = await Promise.all(
      Array.from({ length: 40 }, (_, n) =>
        harness.starter.start({ workflow: 'diamond', input: { n }, tenant: 'default' }),
      ),
    );
    for (const task of await harness.claimAndStart(executor)) await harness.succeed(task);
    const parents = await harness.claimAndStart(executor);
    expect(parents).toHaveLength(80);
    // Every b and c completes in its own transaction, all at once.
    await Promise.all(parents.map((task) => harness.succeed(task)));

    const children = await harness.claim();
    expect(children).toHaveLength(40);
    expect(new Set(children.map((task) => task.runId)).size).toBe(40);
    for (const child of children) {
      expect(child.key).toBe('d');
      expect(child.attempt).toBe(1);
    }
    const counters = await harness.database.query<{ deps_succeeded: number; attempt: number }>(
      `SELECT deps_succeeded, attempt FROM tasks WHERE key = 'd' AND run_id = ANY($1::uuid[])`,
      [runs.map((run) => run.id)],
    );
    expect(
      counters.every(
        (row: { deps_succeeded: number; attempt: number }) => row.deps_succeeded === 2 && row.attempt === 1,
      ),
    ).toBe(true);

    await harness.attempts.start(
      children.map((task) => ({ taskId: task.taskId, attempt: task.attempt, startedAt: new Date() })),
      executor,
    );
    await Promise.all(children.map((task) => harness.succeed(task)));
    for (const run of runs) {
      expect(await harness.runStatus(run.id)).toMatchObject({ status: 'succeeded' });
    }
    const finishes = await harness.database.query(
      `SELECT count(*)::int AS n FROM runs WHERE id = ANY($1::uuid[]) AND status = 'succeeded' AND tasks_remaining = 0`,
      [runs.map((run) => run.id)],
    );
    expect(finishes[0].n).toBe(40);
  });

  it('ignores a duplicate completion of the same attempt', async () => {
    const run = await harness.starter.start({ workflow: 'diamond', input: { n: 7 }, tenant: 'default' });
    const [a] = await harness.claimAndStart(executor);
    expect(await harness.succeed(a!, { n: 7 })).toEqual(new Set([a!.taskId]));
    expect(await harness.succeed(a!, { n: 999 })).toEqual(new Set());
    const rows = await harness.taskRows(run.id);
    expect(rows.find((row) => row.key === 'a')!.output).toEqual({ n: 7 });
    expect(rows.filter((row) => row.status === 'ready')).toHaveLength(2);
    const attempts = await harness.database.query('SELECT count(*)::int AS n FROM task_attempts WHERE task_id = $1', [
      a!.taskId,
    ]);
    expect(attempts[0].n).toBe(1);
    // Drain what this test left ready so later tests claim only their own tasks.
    for (
      let ready = await harness.claimAndStart(executor);
      ready.length > 0;
      ready = await harness.claimAndStart(executor)
    ) {
      await Promise.all(ready.map((task) => harness.succeed(task)));
    }
    expect(await harness.runStatus(run.id)).toMatchObject({ status: 'succeeded' });
  });

  it('ignores a completion from an older attempt once the task has moved on', async () => {
    const run = await harness.starter.start({ workflow: 'diamond', input: { n: 1 }, tenant: 'default' });
    const [first] = await harness.claimAndStart(executor);
    expect(await harness.fail(first!)).toEqual(new Set([first!.taskId]));
    const [second] = await harness.claimAndStart(executor);
    expect(second).toMatchObject({ taskId: first!.taskId, attempt: 2 });
    expect(await harness.succeed(first!, { n: 'stale' })).toEqual(new Set());
    expect(await harness.succeed(second!, { n: 1 })).toEqual(new Set([first!.taskId]));
    const rows = await harness.taskRows(run.id);
    expect(rows.find((row) => row.key === 'a')).toMatchObject({ status: 'succeeded', attempt: 2, output: { n: 1 } });
    const attempts = await harness.database.query(
      'SELECT attempt, status FROM task_attempts WHERE task_id = $1 ORDER BY attempt',
      [first!.taskId],
    );
    expect(attempts).toEqual([
      { attempt: 1, status: 'failed' },
      { attempt: 2, status: 'succeeded' },
    ]);
  });
});
