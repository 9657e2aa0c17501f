import { Cluster } from '../support/cluster';

describe('kill -9 of an executor holding running tasks (DESIGN invariant 3)', () => {
  let cluster: Cluster;

  beforeAll(async () => {
    cluster = await Cluster.start('e2e-kill', {
      EXECUTOR_HEARTBEAT_MS: '300',
      EXECUTOR_LOST_AFTER_MS: '1500',
      RECONCILE_INTERVAL_MS: '500',
    });
  });

  afterAll(async () => {
    await cluster?.stop();
  });

  it('retries the interrupted tasks as new attempts once another executor is up, and every run succeeds', async () => {
    await cluster.api.post('/api/v1/workflows', {
      name: 'long',
      tasks: [
        // Each interrupted attempt runs again in full, so this is waited twice: long enough to outlast the
        // spread of the six starts and the kill on a loaded machine, and no longer.
        { key: 'work', type: 'core.sleep', input: { ms: 6_000 } },
        { key: 'after', type: 'core.noop', dependsOn: ['work'], input: { done: true } },
      ],
    });
    // Started together: one at a time, the first could finish before the sixth starts on a loaded machine.
    const ids = await Promise.all(
      Array.from(
        { length: 6 },
        async (_, i) =>
          (await cluster.api.post<{ id: string }>('/api/v1/workflows/long/runs', { input: { i } })).body.id,
      ),
    );
    await cluster.api.waitFor(async () => {
      const [row] = await cluster.sql<{ n: number }>(
        `SELECT count(*)::int AS n FROM tasks WHERE key = 'work' AND status = 'running'`,
      );
      return row!.n === 6;
    }, 'six running tasks');

    const victim = cluster.processes.find((process) => process.app === 'executor')!;
    await victim.kill('SIGKILL');
    await cluster.startExecutor();

    for (const id of ids) {
      const run = await cluster.api.waitForRun<{
        status: string;
        tasks: { key: string; status: string; attempts: number }[];
      }>(id, 60_000);
      expect(run.status).toBe('succeeded');
      expect(run.tasks.find((task) => task.key === 'work')).toMatchObject({ status: 'succeeded', attempts: 2 });
    }
    const attempts = await cluster.sql<{ status: string; n: number }>(
      `SELECT a.status, count(*)::int AS n FROM task_attempts a JOIN tasks t ON t.id = a.task_id
        WHERE t.key = 'work' GROUP BY a.status ORDER BY a.status`,
    );
    expect(attempts).toEqual([
      { status: 'interrupted', n: 6 },
      { status: 'succeeded', n: 6 },
    ]);
  });
});
