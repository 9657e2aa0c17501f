import { InterruptionService } from '@taskloom/orchestrator';
import type { ClaimedTask } from '@taskloom/persistence';
import { OrchestratorHarness } from '../support/orchestrator-harness';

/** The interruption budget (TASK_MAX_INTERRUPTIONS) on a real PostgreSQL: separate from retries, and bounded. */
describe('interruptions', () => {
  let harness: OrchestratorHarness;

  beforeAll(async () => {
    harness = await OrchestratorHarness.create('interruptions', { TASK_MAX_INTERRUPTIONS: '1' });
    await harness.define({ name: 'fragile', tasks: [{ key: 'only', type: 'core.noop', retry: { maxAttempts: 1 } }] });
  });

  afterAll(async () => {
    await harness?.close();
  });

  const interrupt = (task: ClaimedTask) =>
    harness.module.get(InterruptionService).requeue([
      {
        taskId: task.taskId,
        attempt: task.attempt,
        reason: 'executor_lost',
        error: { name: 'ExecutorLost', message: 'gone' },
        executorId: null,
        startedAt: null,
        durationMs: null,
      },
    ]);

  it('runs an interrupted task again without using its retries, and fails it past the budget', async () => {
    const run = await harness.starter.start({ workflow: 'fragile', input: {}, tenant: 'default' });
    const [first] = await harness.claimAndStart('00000000-0000-4000-8000-00000000e1e1');
    expect(first).toMatchObject({ attempt: 1, maxAttempts: 1 });

    expect((await interrupt(first!)).again).toHaveLength(1);
    // Fenced: the same attempt interrupted again (another reconciler, a late redelivery) changes nothing.
    expect(await interrupt(first!)).toMatchObject({ again: [], exhausted: [] });
    const [second] = await harness.claim();
    expect(second).toMatchObject({ taskId: first!.taskId, attempt: 2, maxAttempts: 2 });

    const { exhausted } = await interrupt(second!);
    expect(exhausted.map((task) => task.id)).toEqual([first!.taskId]);
    expect(await harness.runStatus(run.id)).toMatchObject({ status: 'failed' });
    const [task] = await harness.database.query(`SELECT status, error, interruptions FROM tasks WHERE id = $1`, [
      first!.taskId,
    ]);
    expect(task).toMatchObject({
      status: 'failed',
      interruptions: 1,
      error: { name: 'TooManyInterruptions', message: expect.stringContaining('TASK_MAX_INTERRUPTIONS') },
    });
    const attempts = await harness.database.query(
      `SELECT attempt, status, error->>'reason' AS reason FROM task_attempts WHERE task_id = $1 ORDER BY attempt`,
      [first!.taskId],
    );
    expect(attempts).toEqual([
      { attempt: 1, status: 'interrupted', reason: 'executor_lost' },
      { attempt: 2, status: 'interrupted', reason: 'executor_lost' },
    ]);
  });
});
