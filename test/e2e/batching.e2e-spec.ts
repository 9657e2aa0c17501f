import { Cluster } from '../support/cluster';
import { publishCoreTaskTypes } from '../support/task-types';

const RUNS = 200;
const MAX_BATCH = 50; // core.echo-batch: batch.maxSize

/** Starts `count` runs, `parallel` requests at a time. */
async function startRuns(cluster: Cluster, workflow: string, count: number, parallel = 20): Promise<void> {
  for (let first = 0; first < count; first += parallel) {
    const chunk = Array.from({ length: Math.min(parallel, count - first) }, (_, i) => first + i);
    await Promise.all(
      chunk.map(async (n) => {
        const response = await cluster.api.post(`/api/v1/workflows/${workflow}/runs`, { input: { n } });
        if (response.status !== 201)
          throw new Error(`start answered ${response.status}: ${JSON.stringify(response.body)}`);
      }),
    );
  }
}

describe('a batching task type under load', () => {
  let cluster: Cluster;

  afterAll(async () => {
    await cluster?.stop();
  });

  it('hands many queued tasks to one runBatch call, each task getting its own output', async () => {
    // The backlog builds up before any executor runs, as when work arrives faster than it is done.
    cluster = await Cluster.start('e2e-batching', {}, { executor: false });
    await publishCoreTaskTypes(cluster.services.databaseUrl, ['core.echo-batch']);
    const registered = await cluster.api.post('/api/v1/workflows', {
      name: 'echo',
      tasks: [{ key: 'echo', type: 'core.echo-batch', input: { n: '{{ run.input.n }}' } }],
    });
    expect(registered.status).toBe(201);
    await startRuns(cluster, 'echo', RUNS);
    await cluster.api.waitFor(async () => {
      const [row] = await cluster.sql<{ n: number }>(`SELECT count(*)::int AS n FROM tasks WHERE status = 'queued'`);
      return row!.n === RUNS;
    }, `${RUNS} queued tasks`);

    await cluster.startExecutor();
    await cluster.api.waitFor(
      async () => {
        const [row] = await cluster.sql<{ n: number }>(
          `SELECT count(*)::int AS n FROM runs WHERE status = 'succeeded'`,
        );
        return row!.n === RUNS;
      },
      `${RUNS} succeeded runs`,
      60_000,
    );

    const tasks = await cluster.sql<{ n: number; output: { n: number; batchSize: number } }>(
      `SELECT (input->>'n')::int AS n, output FROM tasks WHERE type = 'core.echo-batch'`,
    );
    expect(tasks).toHaveLength(RUNS);
    // Each task got the output of its own input back out of the batch.
    for (const task of tasks) expect(task.output.n).toBe(task.n);
    const sizes = tasks.map((task) => task.output.batchSize);
    expect(Math.max(...sizes)).toBeGreaterThan(1);
    expect(Math.max(...sizes)).toBeLessThanOrEqual(MAX_BATCH);
    // k tasks report a batch of size k per such batch, so each size's count is a multiple of it.
    const bySize = new Map<number, number>();
    for (const size of sizes) bySize.set(size, (bySize.get(size) ?? 0) + 1);
    for (const [size, count] of bySize) expect(count % size).toBe(0);

    const [attempts] = await cluster.sql<{ n: number }>(
      `SELECT count(*)::int AS n FROM task_attempts WHERE status = 'succeeded'`,
    );
    expect(attempts!.n).toBe(RUNS);
  });
});
