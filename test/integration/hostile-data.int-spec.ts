import type { WorkflowDefinition } from '@taskloom/engine';
import { AttemptReporter, ExecutorIdentity } from '@taskloom/executor';
import { RunTreeBudget, type AttemptOutcome } from '@taskloom/orchestrator';
import type { ClaimedTask } from '@taskloom/persistence';
import { OrchestratorHarness } from '../support/orchestrator-harness';

/**
 * Issue 12 at the orchestrator: an outcome PostgreSQL refuses inside a write
 * batch, the run-tree budget against a sub-workflow bomb and a forEach, and
 * the rendered-input limits.
 */
describe('hostile data in the orchestrator, on a real PostgreSQL', () => {
  let harness: OrchestratorHarness;

  beforeAll(async () => {
    harness = await OrchestratorHarness.create('hostile-data', {
      RUN_TREE_MAX_RUNS: '20',
      RUN_TREE_MAX_TASKS: '200',
      TASK_INPUT_MAX_BYTES: '1kb',
      FOREACH_INPUT_MAX_BYTES: '4kb',
    });
  });

  afterAll(async () => {
    await harness?.close();
  });

  async function start(definition: WorkflowDefinition, input: unknown = {}) {
    await harness.define(definition);
    return harness.starter.start({ workflow: definition.name, input: input as never, tenant: 'default' });
  }

  async function errors(runId: string): Promise<Record<string, string | null>> {
    const rows = await harness.database.query<{ key: string; name: string | null }>(
      `SELECT key, error->>'name' AS name FROM tasks WHERE run_id = $1 AND parent_task_id IS NULL`,
      [runId],
    );
    return Object.fromEntries(rows.map((row) => [row.key, row.name]));
  }

  function outcomeOf(task: ClaimedTask, output: unknown, logs?: unknown): AttemptOutcome {
    return {
      taskId: task.taskId,
      runId: task.runId,
      definitionId: task.definitionId,
      attempt: task.attempt,
      status: 'succeeded',
      output,
      logs,
      retry: null,
      maxAttempts: task.maxAttempts,
      priority: task.priority,
      executorId: null,
      startedAt: null,
      durationMs: 1,
    };
  }

  it('writes the good outcomes of a batch PostgreSQL refuses, and fails only the task at fault', async () => {
    const started = await start({
      name: 'refused-outcome',
      tasks: [
        { key: 'bad', type: 'core.noop' },
        { key: 'good', type: 'core.noop' },
        { key: 'bad_log', type: 'core.noop' },
      ],
    });
    const claimed = await harness.claimAndStart('00000000-0000-4000-8000-00000000e1e1');
    const byKey = new Map(claimed.map((task) => [task.key, task]));
    // Straight to the reporter, past the executor's own checks: the defence in depth.
    const reporter = new AttemptReporter(
      { ...harness.config, executor: { ...harness.config.executor, completionLingerMs: 20 } },
      harness.attempts,
      new ExecutorIdentity(),
    );
    await Promise.all([
      reporter.finish(outcomeOf(byKey.get('bad')!, { text: 'a\u0000b' })),
      reporter.finish(outcomeOf(byKey.get('good')!, { text: 'fine' })),
      reporter.finish(outcomeOf(byKey.get('bad_log')!, {}, [{ ts: 'now', level: 'info', msg: '\u0000' }])),
    ]);
    const run = await harness.runStatus(started.id);
    expect(run.status).toBe('failed');
    expect(await errors(started.id)).toEqual({ bad: 'UnstorableOutcome', good: null, bad_log: 'UnstorableOutcome' });
    expect((await harness.taskRows(started.id)).find((row) => row.key === 'good')).toMatchObject({
      status: 'succeeded',
      output: { text: 'fine' },
    });
  });

  it('fails the launches past RUN_TREE_MAX_RUNS of a sub-workflow bomb, and the run ends', async () => {
    const fanOut = (name: string, target: string, count: number): WorkflowDefinition => ({
      name,
      tasks: Array.from({ length: count }, (_, index) => ({ key: `w${index}`, workflow: target })),
    });
    await harness.define({ name: 'bomb-leaf', tasks: [{ key: 'a', type: 'core.noop' }] });
    await harness.define(fanOut('bomb-mid', 'bomb-leaf', 10));
    const top = fanOut('bomb-top', 'bomb-mid', 10);
    // Registration refuses it statically (the harness registers without that check, as an older version might be).
    await expect(harness.module.get(RunTreeBudget).assertDefinition(top, 'default')).rejects.toThrow(
      /RUN_TREE_MAX_RUNS 20/,
    );

    const started = await start(top);
    // Child runs are created after the parent's transaction, by a unit of work of their own.
    const [{ before }] = await harness.database.query<{ before: number }>(
      `SELECT count(*)::int AS before FROM runs WHERE workflow_name LIKE 'bomb-%'`,
    );
    expect(before).toBe(1);
    const final = await harness.drive(started.id);
    expect(final.status).toBe('failed');
    const [{ runs }] = await harness.database.query<{ runs: number }>(
      'SELECT count(*)::int AS runs FROM runs WHERE workflow_name LIKE $1',
      ['bomb-%'],
    );
    expect(runs).toBe(1 + 20);
    const refused = await harness.database.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM tasks WHERE error->>'name' = 'RunTreeLimitExceeded'`,
    );
    expect(refused[0]!.n).toBeGreaterThan(0);
  });

  it('fails a forEach whose items would pass RUN_TREE_MAX_TASKS, creating none of them', async () => {
    const started = await start(
      {
        name: 'wide-fan-out',
        tasks: [{ key: 'each', type: 'core.noop', forEach: '{{ run.input.list }}', input: { n: '{{ item }}' } }],
      },
      { list: Array.from({ length: 300 }, (_, index) => index) },
    );
    expect((await harness.runStatus(started.id)).status).toBe('failed');
    expect(await errors(started.id)).toEqual({ each: 'RunTreeLimitExceeded' });
    expect(await harness.taskRows(started.id)).toHaveLength(1);
  });

  it('fails a task whose rendered input passes TASK_INPUT_MAX_BYTES, and a forEach past FOREACH_INPUT_MAX_BYTES', async () => {
    const started = await start(
      {
        name: 'big-inputs',
        tasks: [
          { key: 'big', type: 'core.noop', input: { s: "{{ $pad('', 2000, 'x') }}" } },
          { key: 'many', type: 'core.noop', forEach: '{{ run.input.list }}', input: { s: "{{ $pad('', 600, 'x') }}" } },
          { key: 'small', type: 'core.noop', input: { s: 'ok' } },
        ],
      },
      { list: Array.from({ length: 10 }, (_, index) => index) },
    );
    const final = await harness.drive(started.id);
    expect(final.status).toBe('failed');
    expect(await errors(started.id)).toEqual({ big: 'InputTooLarge', many: 'InputTooLarge', small: null });
    const [row] = await harness.database.query<{ message: string }>(
      `SELECT error->>'message' AS message FROM tasks WHERE run_id = $1 AND key = 'many' AND parent_task_id IS NULL`,
      [started.id],
    );
    expect(row!.message).toMatch(/FOREACH_INPUT_MAX_BYTES/);
  });
});
