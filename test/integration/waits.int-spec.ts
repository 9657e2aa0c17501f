import { SignalService, WaitWakeService } from '@taskloom/orchestrator';
import { jobIdFor, QueueJobs, QueueRegistry, TASK_JOB_NAME } from '@taskloom/queue';
import { OrchestratorHarness } from '../support/orchestrator-harness';

/**
 * Waiting tasks through the orchestrator on a real PostgreSQL: wake loops
 * that run at once (several routers) end each wait once, and the control
 * paths (retry, pause) treat waits as the ADR 0021 says.
 */
describe('waits on a real PostgreSQL', () => {
  let harness: OrchestratorHarness;
  let wakes: WaitWakeService;
  let signals: SignalService;

  beforeAll(async () => {
    harness = await OrchestratorHarness.create('int-waits');
    wakes = harness.module.get(WaitWakeService);
    signals = harness.module.get(SignalService);
    await harness.define({
      name: 'nap-then-noop',
      tasks: [
        { key: 'nap', sleep: { durationMs: 3_600_000 } },
        { key: 'after', type: 'core.noop', dependsOn: ['nap'] },
      ],
    });
    await harness.define({
      name: 'must-start-soon',
      tasks: [{ key: 'quick', type: 'core.noop', queueTimeoutMs: 1 }],
    });
    await harness.define({
      name: 'short-approval',
      tasks: [
        { key: 'approve', waitFor: { signal: 'go', timeoutMs: 1 } },
        { key: 'after', type: 'core.noop', dependsOn: ['approve'], input: { got: '{{ tasks.approve.output }}' } },
      ],
    });
  });

  afterAll(async () => {
    await harness?.close();
  });

  const start = async (workflow: string) =>
    (await harness.starter.start({ workflow, input: {}, tenant: 'default' })).id;
  const statusOf = async (runId: string, key: string) =>
    (await harness.taskRows(runId)).find((row) => row.key === key)!.status;

  it('four wake loops at once end each of 200 due sleeps once; each child becomes ready once', async () => {
    const ids = await Promise.all(Array.from({ length: 200 }, () => start('nap-then-noop')));
    await harness.database.query(`UPDATE tasks SET wake_at = now() WHERE key = 'nap' AND run_id = ANY($1::uuid[])`, [
      ids,
    ]);
    let ended = 0;
    for (let round = 0; round < 20 && ended < 200; round += 1) {
      const rounds = await Promise.all(Array.from({ length: 4 }, () => wakes.wakeDue(30)));
      ended += rounds.reduce((sum, wake) => sum + wake.due, 0);
    }
    expect(ended).toBe(200);
    const claimed = await harness.claim();
    expect(claimed.map((task) => task.runId).sort()).toEqual([...ids].sort());
    expect(new Set(claimed.map((task) => task.attempt))).toEqual(new Set([1]));
  });

  it('retry makes a timed-out signal wait wait again; a signal then ends it', async () => {
    const id = await start('short-approval');
    await harness.module.get(WaitWakeService).wakeDue(100);
    expect(await harness.runStatus(id)).toMatchObject({ status: 'failed' });
    expect(await statusOf(id, 'after')).toBe('skipped');

    await harness.control.retry(id);
    expect(await statusOf(id, 'approve')).toBe('waiting');
    const sent = await signals.send({ runId: id, name: 'go', payload: { ok: true } });
    expect(sent).toMatchObject({ outcome: 'delivered', taskKey: 'approve' });
    await harness.drive(id);
    expect(await harness.runStatus(id)).toMatchObject({ status: 'succeeded' });
    const rows = await harness.taskRows(id);
    expect(rows.find((row) => row.key === 'approve')).toMatchObject({ status: 'succeeded', attempt: 2 });
    expect(rows.find((row) => row.key === 'after')!.output).toEqual({ got: { ok: true } });
  });

  it('pause keeps a sleep waiting; one that ends while paused readies its child for after resume', async () => {
    const id = await start('nap-then-noop');
    await harness.control.pause(id);
    expect(await statusOf(id, 'nap')).toBe('waiting');
    await harness.database.query(`UPDATE tasks SET wake_at = now() WHERE key = 'nap' AND run_id = $1`, [id]);
    await wakes.wakeDue(100);
    expect(await statusOf(id, 'nap')).toBe('succeeded');
    expect(await statusOf(id, 'after')).toBe('ready');
    expect(await harness.claim()).toHaveLength(0);
    await harness.control.resume(id);
    await harness.drive(id);
    expect(await harness.runStatus(id)).toMatchObject({ status: 'succeeded' });
  });

  it('a queued task past its queueTimeoutMs fails and its queue job is removed, so no executor runs it', async () => {
    const id = await start('must-start-soon');
    const [claimed] = await harness.claim();
    expect(claimed!.runId).toBe(id);
    const jobId = jobIdFor(claimed!.taskId, claimed!.attempt);
    await harness.module.get(QueueRegistry).get(claimed!.queue).add(TASK_JOB_NAME, claimed!, { jobId });
    const attempt = { taskId: claimed!.taskId, attempt: claimed!.attempt, queue: claimed!.queue };
    expect(await harness.module.get(QueueJobs).missing([attempt])).toHaveLength(0);

    await new Promise((resolve) => setTimeout(resolve, 5));
    expect((await wakes.wakeDue(100)).unstarted).toBe(1);
    expect(await harness.runStatus(id)).toMatchObject({ status: 'failed' });
    const [row] = await harness.database.query<{ status: string; error: { name: string } }>(
      'SELECT status, error FROM tasks WHERE id = $1',
      [claimed!.taskId],
    );
    expect(row).toMatchObject({ status: 'failed', error: { name: 'QueueTimeout' } });
    expect(await harness.module.get(QueueJobs).missing([attempt])).toEqual([attempt]);
  });
});
