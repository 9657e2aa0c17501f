import { Cluster } from '../support/cluster';

interface RunView {
  status: string;
  tasks: { key: string; status: string; attempts: number }[];
}

describe('executor capacity and shutdown', () => {
  let cluster: Cluster;

  afterEach(async () => {
    await cluster?.stop();
  });

  it('never runs more cpu-intensive tasks at once than EXECUTOR_CPU allows', async () => {
    cluster = await Cluster.start('e2e-capacity', { EXECUTOR_CPU: '2', EXECUTOR_MEMORY_MB: '4096' });
    await cluster.api.post('/api/v1/workflows', {
      name: 'burn',
      tasks: [{ key: 'hash', type: 'core.cpu', input: { iterations: '{{ run.input.iterations }}' } }],
    });
    // Started together, so six tasks wait for the two cpu units however slowly one request follows another.
    const ids = await Promise.all(
      Array.from(
        { length: 6 },
        async () =>
          (await cluster.api.post<{ id: string }>('/api/v1/workflows/burn/runs', { input: { iterations: 150_000 } }))
            .body.id,
      ),
    );
    for (const id of ids) expect((await cluster.api.waitForRun<RunView>(id, 120_000)).status).toBe('succeeded');

    const intervals = await cluster.sql<{ start: number; end: number }>(
      `SELECT extract(epoch FROM started_at) * 1000 AS start, extract(epoch FROM started_at) * 1000 + duration_ms AS end
         FROM task_attempts WHERE status = 'succeeded'`,
    );
    const events = intervals.flatMap((interval) => [
      { at: Number(interval.start), delta: 1 },
      { at: Number(interval.end), delta: -1 },
    ]);
    events.sort((a, b) => a.at - b.at || a.delta - b.delta);
    let running = 0;
    let peak = 0;
    for (const event of events) {
      running += event.delta;
      peak = Math.max(peak, running);
    }
    expect(intervals).toHaveLength(6);
    expect(peak).toBe(2);
  });

  it('hands back running tasks on SIGTERM, exits cleanly, and loses none', async () => {
    cluster = await Cluster.start('e2e-sigterm', { SHUTDOWN_GRACE_MS: '500' });
    // Long enough that a second executor (several seconds to start on a busy machine) is up before these end.
    await cluster.api.post('/api/v1/workflows', {
      name: 'slow',
      tasks: [{ key: 'sleep', type: 'core.sleep', input: { ms: 15_000 } }],
    });
    const ids: string[] = [];
    for (let i = 0; i < 4; i += 1)
      ids.push((await cluster.api.post<{ id: string }>('/api/v1/workflows/slow/runs', { input: {} })).body.id);
    await cluster.api.waitFor(async () => {
      const [row] = await cluster.sql<{ n: number }>(`SELECT count(*)::int AS n FROM tasks WHERE status = 'running'`);
      return row!.n === 4;
    }, 'four running tasks');

    const first = cluster.processes.find((process) => process.app === 'executor')!;
    await cluster.startExecutor();
    expect(await first.stop()).toBe(0);

    for (const id of ids) {
      const run = await cluster.api.waitForRun<RunView>(id, 60_000);
      expect(run.status).toBe('succeeded');
      expect(run.tasks[0]).toMatchObject({ status: 'succeeded', attempts: 2 });
    }
    const handedBack = await cluster.sql<{ n: number }>(
      `SELECT count(*)::int AS n FROM task_attempts WHERE status = 'interrupted' AND error->>'name' = 'HandedBack'`,
    );
    expect(handedBack[0]!.n).toBe(4);
  });
});
