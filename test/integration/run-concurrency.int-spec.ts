import { RunAdmissionService } from '@taskloom/orchestrator';
import type { ClaimedTask } from '@taskloom/persistence';
import { OrchestratorHarness } from '../support/orchestrator-harness';

/**
 * Workflow concurrency keys (ADR 0027) through the orchestrator on a real
 * PostgreSQL: several admitters at once (several routers) never admit more
 * than a key's limit, every way a run ends frees its slot for the next
 * queued run, onLimit's cancellations, and runs not admitted yet (queued or
 * scheduled) have nothing ready or waiting until they are.
 */
describe('run concurrency on a real PostgreSQL', () => {
  let harness: OrchestratorHarness;
  let admission: RunAdmissionService;

  beforeAll(async () => {
    harness = await OrchestratorHarness.create('int-run-concurrency');
    admission = harness.module.get(RunAdmissionService);
    const keyed = (name: string, limit: number, onLimit?: 'cancel_newest' | 'cancel_oldest') =>
      harness.define({
        name,
        concurrency: { key: '{{ run.input.customer }}', limit, ...(onLimit && { onLimit }) },
        tasks: [{ key: 'work', type: 'core.noop' }],
      });
    await keyed('per-customer', 2);
    await keyed('newest-loses', 1, 'cancel_newest');
    await keyed('oldest-loses', 1, 'cancel_oldest');
    await harness.define({
      name: 'keyed-nap',
      concurrency: { key: 'naps', limit: 1 },
      tasks: [{ key: 'nap', sleep: { durationMs: 3_600_000 } }],
    });
    await harness.define({
      name: 'calls-keyed-child',
      tasks: [{ key: 'child', workflow: 'newest-loses', input: { customer: '{{ run.input.customer }}' } }],
    });
    await harness.define({ name: 'nap-first', tasks: [{ key: 'nap', sleep: { durationMs: 60_000 } }] });
  });

  afterAll(async () => {
    await harness?.close();
  });

  const start = async (workflow: string, customer: string, startAt?: Date) =>
    (await harness.starter.start({ workflow, input: { customer }, tenant: 'default', startAt })).id;

  /** Several routers' admission rounds at once. */
  const admitConcurrently = (admitters = 4) =>
    Promise.all(Array.from({ length: admitters }, () => admission.admitQueued(100)));

  const statuses = async (ids: readonly string[]) =>
    (
      await harness.database.query<{ id: string; status: string }>(
        'SELECT id, status FROM runs WHERE id = ANY($1::uuid[])',
        [ids],
      )
    ).reduce((byId, row) => byId.set(row.id, row.status), new Map<string, string>());

  const admittedOf = async (ids: readonly string[]) =>
    [...(await statuses(ids))]
      .filter(([, status]) => ['pending', 'running', 'paused'].includes(status))
      .map(([id]) => id);

  const activeTaskRows = (ids: readonly string[]) =>
    harness.database.query<{ run_id: string; status: string }>(
      `SELECT run_id, status FROM tasks WHERE run_id = ANY($1::uuid[]) AND status IN ('ready', 'queued', 'running', 'waiting')`,
      [ids],
    );

  it('never admits more than the limit with concurrent admitters, and each way of ending frees a slot taken again', async () => {
    // One at a time: runs created in one batch share their creation time, so their order among themselves is arbitrary.
    const hot: string[] = [];
    for (let i = 0; i < 12; i += 1) hot.push(await start('per-customer', 'hot'));
    // The starter decides the runs it created: the first two of the key start, in order of age.
    expect((await admittedOf(hot)).sort()).toEqual(hot.slice(0, 2).sort());
    expect([...(await statuses(hot.slice(2))).values()].every((status) => status === 'queued')).toBe(true);
    // Not admitted: nothing of them is ready, so nothing can be claimed.
    expect(await activeTaskRows(hot.slice(2))).toEqual([]);

    // Many starts and several routers' rounds at once, on a fresh key and the full one.
    const [cold] = await Promise.all([
      Promise.all(Array.from({ length: 8 }, () => start('per-customer', 'cold'))),
      Promise.all(Array.from({ length: 4 }, () => start('per-customer', 'hot'))).then((more) => hot.push(...more)),
      admitConcurrently(),
    ]);
    await admitConcurrently();
    expect(await admittedOf(hot)).toHaveLength(2);
    expect(await admittedOf(cold)).toHaveLength(2);

    const claimed = await harness.claimAndStart('00000000-0000-4000-8000-00000000c0c0');
    expect(claimed.map((task) => task.runId).sort()).toEqual(
      [...(await admittedOf(hot)), ...(await admittedOf(cold))].sort(),
    );
    const byRun = new Map<string, ClaimedTask>(claimed.map((task) => [task.runId, task]));

    let taken = 2;
    const expectOneMoreAdmitted = async () => {
      await admitConcurrently();
      taken += 1;
      const admitted = await admittedOf(hot);
      expect(admitted).toHaveLength(2);
      const started = [...(await statuses(hot))].filter(([, status]) => status !== 'queued').length;
      expect(started).toBe(taken);
    };

    const nextHolder = async () => {
      const [id] = await admittedOf(hot);
      let task = byRun.get(id!);
      if (!task) {
        [task] = (await harness.claimAndStart('00000000-0000-4000-8000-00000000c0c0')).filter(
          (claimedTask) => claimedTask.runId === id,
        );
        byRun.set(id!, task!);
      }
      return { id: id!, task: task! };
    };

    // Success.
    await harness.succeed((await nextHolder()).task);
    await expectOneMoreAdmitted();
    // Failure.
    await harness.fail((await nextHolder()).task, false);
    await expectOneMoreAdmitted();
    // Cancel.
    await harness.control.cancel((await nextHolder()).id);
    await expectOneMoreAdmitted();
    // Run timeout.
    await harness.control.timeOut((await nextHolder()).id);
    await expectOneMoreAdmitted();

    const final = await statuses(hot);
    expect([...final.values()].filter((status) => status === 'succeeded')).toHaveLength(1);
    expect([...final.values()].filter((status) => status === 'failed')).toHaveLength(2);
    expect([...final.values()].filter((status) => status === 'cancelled')).toHaveLength(1);
    expect([...final.values()].filter((status) => status === 'queued')).toHaveLength(16 - 6);
  });

  it('cancel_newest: runs that find the key full are cancelled with the reason, as the start answers', async () => {
    const started = [];
    for (let i = 0; i < 3; i += 1)
      started.push(
        await harness.starter.start({ workflow: 'newest-loses', input: { customer: 'n1' }, tenant: 'default' }),
      );
    expect(started.map((run) => run.status)).toEqual(['pending', 'cancelled', 'cancelled']);
    const ids = started.map((run) => run.id);
    await admitConcurrently();
    expect([...(await statuses(ids)).entries()].sort()).toEqual(
      [
        [ids[0], 'pending'],
        [ids[1], 'cancelled'],
        [ids[2], 'cancelled'],
      ].sort(),
    );
    const [row] = await harness.database.query<{ error: { name: string; message: string } }>(
      'SELECT error FROM runs WHERE id = $1',
      [ids[1]],
    );
    expect(row!.error).toEqual({ name: 'ConcurrencyLimit', message: expect.stringContaining('cancel_newest') });
  });

  it('cancel_oldest: the new run starts and the oldest active one is cancelled through the cancel path', async () => {
    const first = await start('oldest-loses', 'o1');
    await admitConcurrently();
    const [task] = (await harness.claimAndStart('00000000-0000-4000-8000-00000000c0c0')).filter(
      (claimed) => claimed.runId === first,
    );
    expect(task).toBeDefined();
    const second = await start('oldest-loses', 'o1');
    await admitConcurrently();
    expect(await statuses([first, second])).toEqual(
      new Map([
        [first, 'cancelled'],
        [second, 'pending'],
      ]),
    );
    // Its running task was cancelled with it: its slot and its executor's work end together.
    expect((await harness.taskRows(first)).map((row) => row.status)).toEqual(['cancelled']);
  });

  it('a queued run that is cancelled is never admitted afterwards', async () => {
    const holder = await start('per-customer', 'c1');
    await admitConcurrently();
    await start('per-customer', 'c1');
    const waiting = await start('per-customer', 'c1');
    await admitConcurrently();
    expect((await statuses([waiting])).get(waiting)).toBe('queued');
    await harness.control.cancel(waiting);
    await harness.control.cancel(holder);
    await admitConcurrently();
    expect((await statuses([waiting])).get(waiting)).toBe('cancelled');
    expect(await activeTaskRows([waiting])).toEqual([]);
  });

  it('retrying a failed run takes a slot only when one is free', async () => {
    const failed = await start('newest-loses', 'r1');
    await admitConcurrently();
    const [task] = (await harness.claimAndStart('00000000-0000-4000-8000-00000000c0c0')).filter(
      (claimed) => claimed.runId === failed,
    );
    await harness.fail(task!, false);
    const holder = await start('newest-loses', 'r1');
    await admitConcurrently();
    expect((await statuses([holder])).get(holder)).toBe('pending');
    await expect(harness.control.retry(failed)).rejects.toThrow(/at its limit of 1/);
    await harness.control.cancel(holder);
    await expect(harness.control.retry(failed)).resolves.toMatchObject({ status: 'running' });
  });

  it('a sub-workflow run passes the same gate: queued, admitted when its key has room', async () => {
    const parents = [await start('calls-keyed-child', 's1'), await start('calls-keyed-child', 's1')];
    await harness.launchSubRuns();
    const children = (
      await harness.database.query<{ id: string }>(
        `SELECT r.id FROM runs r JOIN tasks t ON t.id = r.parent_task_id WHERE t.run_id = ANY($1::uuid[]) ORDER BY r.created_at, r.id`,
        [parents],
      )
    ).map((row) => row.id);
    expect(children).toHaveLength(2);
    expect(new Set((await statuses(children)).values())).toEqual(new Set(['queued']));
    expect(await activeTaskRows(children)).toEqual([]);
    await admitConcurrently();
    // Limit 1, cancel_newest: one child starts, the other is cancelled, and its parent task fails with it.
    expect([...(await statuses(children)).values()].sort()).toEqual(['cancelled', 'pending']);
    const parentStatuses = [...(await statuses(parents)).values()];
    expect(parentStatuses.filter((status) => status === 'failed')).toHaveLength(1);
    expect(parentStatuses.filter((status) => ['pending', 'running'].includes(status))).toHaveLength(1);
  });

  it('a queued run cannot be paused (it would take a slot it was not given)', async () => {
    await start('keyed-nap', 'x');
    const queued = await start('keyed-nap', 'x');
    await admitConcurrently();
    await expect(harness.control.pause(queued)).rejects.toThrow(/queued/);
  });

  it('a delayed run has nothing waiting before its start; promotion starts its sleep from then', async () => {
    const id = await start('nap-first', 'd', new Date(Date.now() + 3_600_000));
    expect(await activeTaskRows([id])).toEqual([]);
    expect((await harness.taskRows(id)).map((row) => row.status)).toEqual(['blocked']);
    await harness.database.query(`UPDATE runs SET start_at = now() WHERE id = $1`, [id]);
    const promotedAt = Date.now();
    const { promoted } = await admission.promoteDue(100);
    expect(promoted.map((run) => run.id)).toContain(id);
    const [nap] = await harness.database.query<{ status: string; wake_at: Date }>(
      'SELECT status, wake_at FROM tasks WHERE run_id = $1',
      [id],
    );
    expect(nap!.status).toBe('waiting');
    // The sleep counts from the promotion, not from the request an hour earlier.
    expect(nap!.wake_at.getTime()).toBeGreaterThanOrEqual(promotedAt + 60_000 - 1_000);
    expect((await statuses([id])).get(id)).toBe('running');
  });

  it('a delayed run of a keyed workflow is queued at its start time and admitted through its key', async () => {
    const id = await start('keyed-nap', 'y', new Date(Date.now() + 3_600_000));
    await harness.database.query(`UPDATE runs SET start_at = now() WHERE id = $1`, [id]);
    const { promoted } = await admission.promoteDue(100);
    expect(promoted.find((run) => run.id === id)?.status).toBe('queued');
    expect(await activeTaskRows([id])).toEqual([]);
  });
});
