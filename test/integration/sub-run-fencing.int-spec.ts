import { OrchestratorHarness } from '../support/orchestrator-harness';

/**
 * A retried parent task launches a new child run; the child run of its
 * earlier attempt, retried by hand, may still finish — and must not end the
 * parent's current attempt with its output.
 */
describe('sub-workflow completions are fenced by the parent task attempt', () => {
  let harness: OrchestratorHarness;

  beforeAll(async () => {
    harness = await OrchestratorHarness.create('sub-run-fencing');
    await harness.define({ name: 'fence-child', tasks: [{ key: 'c', type: 'core.noop', retry: { maxAttempts: 1 } }] });
    await harness.define({
      name: 'fence-parent',
      tasks: [{ key: 'sub', workflow: 'fence-child', retry: { maxAttempts: 1 } }],
      output: { child: '{{ tasks.sub.output }}' },
    });
  });

  afterAll(async () => {
    await harness?.close();
  });

  async function childRuns(parentRunId: string): Promise<{ id: string; parent_attempt: number | null }[]> {
    return harness.database.query(
      `SELECT r.id, r.parent_attempt FROM runs r JOIN tasks t ON t.id = r.parent_task_id
        WHERE t.run_id = $1 ORDER BY r.created_at`,
      [parentRunId],
    );
  }

  async function parentTask(parentRunId: string): Promise<{ status: string; attempt: number; output: unknown }> {
    const [row] = await harness.database.query<{ status: string; attempt: number; output: unknown }>(
      `SELECT status, attempt, output FROM tasks WHERE run_id = $1 AND key = 'sub'`,
      [parentRunId],
    );
    return row!;
  }

  it('the stale child run succeeding leaves the parent waiting for its current child', async () => {
    const parent = await harness.starter.start({ workflow: 'fence-parent', input: {}, tenant: 'default' });
    // The first child fails, and with it the parent task and run.
    expect((await harness.drive(parent.id, () => ({ fail: true, retryable: false }))).status).toBe('failed');
    const [stale] = await childRuns(parent.id);
    expect(stale).toMatchObject({ parent_attempt: 1 });

    // Retrying the parent run launches a second child for the parent's second attempt...
    await harness.control.retry(parent.id);
    // Sub-workflow runs are launched by a unit of work of their own, after the parent's.
    await harness.launchSubRuns();
    const children = await childRuns(parent.id);
    expect(children).toHaveLength(2);
    const current = children[1]!;
    expect(current.parent_attempt).toBe(2);
    expect(await parentTask(parent.id)).toMatchObject({ status: 'running', attempt: 2 });

    // ...and retrying the stale child by hand makes both children's tasks ready.
    await harness.control.retry(stale!.id);
    const claimed = await harness.claim();
    expect(new Set(claimed.map((task) => task.runId))).toEqual(new Set([stale!.id, current.id]));
    const staleTask = claimed.find((task) => task.runId === stale!.id)!;
    const currentTask = claimed.find((task) => task.runId === current.id)!;

    await harness.succeed(staleTask, { from: 'stale' });
    expect((await harness.runStatus(stale!.id)).status).toBe('succeeded');
    expect(await parentTask(parent.id)).toMatchObject({ status: 'running', attempt: 2, output: null });
    expect((await harness.runStatus(parent.id)).status).toBe('running');

    await harness.succeed(currentTask, { from: 'current' });
    const final = await harness.runStatus(parent.id);
    expect(final.status).toBe('succeeded');
    expect(await parentTask(parent.id)).toMatchObject({ status: 'succeeded' });
  });

  it('cancelling the stale child run does not fail the parent task', async () => {
    const parent = await harness.starter.start({ workflow: 'fence-parent', input: {}, tenant: 'default' });
    expect((await harness.drive(parent.id, () => ({ fail: true, retryable: false }))).status).toBe('failed');
    const [stale] = await childRuns(parent.id);
    await harness.control.retry(parent.id);
    // Sub-workflow runs are launched by a unit of work of their own, after the parent's.
    await harness.launchSubRuns();
    await harness.control.retry(stale!.id);
    await harness.control.cancel(stale!.id);
    expect(await parentTask(parent.id)).toMatchObject({ status: 'running', attempt: 2 });
    expect((await harness.drive(parent.id)).status).toBe('succeeded');
  });
});
