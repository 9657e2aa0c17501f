import { Cluster } from '../support/cluster';

/**
 * ADR 0024: queues are per (partition, pool), so a pool can carry a type an
 * executor polling it does not host. Such a job goes back to its queue for an
 * executor that does, and that hand-back is not an interrupted attempt.
 */
describe('a job of a type its executor does not host', () => {
  let cluster: Cluster;

  beforeAll(async () => {
    cluster = await Cluster.start('e2e-executor-pools', { QUEUE_PARTITIONS: '1' }, { executor: false });
  });

  afterAll(async () => {
    await cluster?.stop();
  });

  it('goes back to its queue until an executor hosting it runs it, once', async () => {
    const noopOnly = await cluster.startExecutor({ EXECUTOR_TASK_TYPES: 'core.noop' });
    expect(
      (
        await cluster.api.post('/api/v1/workflows', {
          name: 'sleepy',
          tasks: [{ key: 's', type: 'core.sleep', input: { ms: 1 } }],
        })
      ).status,
    ).toBe(201);
    const run = await cluster.api.post<{ id: string }>('/api/v1/workflows/sleepy/runs', { input: {} });
    expect(run.status).toBe(201);
    await noopOnly.waitForLog(
      /a job of core\.sleep, which this executor does not serve, went back to tasks-\{0000\}-default/,
    );

    await cluster.startExecutor();
    expect((await cluster.api.waitForRun<{ status: string }>(run.body.id)).status).toBe('succeeded');
    const attempts = await cluster.sql<{ attempt: number; status: string }>(
      `SELECT a.attempt, a.status FROM task_attempts a JOIN tasks t ON t.id = a.task_id WHERE t.run_id = $1`,
      [run.body.id],
    );
    expect(attempts).toEqual([{ attempt: 1, status: 'succeeded' }]);
  });
});
