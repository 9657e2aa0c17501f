import { Test, type TestingModule } from '@nestjs/testing';
import { loadConfig, TaskloomConfigModule } from '@taskloom/config';
import { PersistenceModule, type ClaimedTask } from '@taskloom/persistence';
import { QueueModule, QueueRegistry } from '@taskloom/queue';
import { DispatcherService, RouterFeaturesModule } from '@taskloom/router';
import { OrchestratorHarness } from '../support/orchestrator-harness';

const TASKS = 10_000;

describe('two routers over one backlog', () => {
  let harness: OrchestratorHarness;
  const routers: TestingModule[] = [];

  beforeAll(async () => {
    harness = await OrchestratorHarness.create('two-routers', { QUEUE_PARTITIONS: '4' });
    await harness.define({
      name: 'wide',
      tasks: [{ key: 'fan', type: 'core.noop', forEach: '{{ run.input.items }}', input: { item: '{{ item }}' } }],
    });
  });

  afterAll(async () => {
    await Promise.all(routers.map((router) => router.close()));
    await harness?.close();
  });

  async function startRouter(): Promise<{ module: TestingModule; enqueued: ClaimedTask[] }> {
    // Both routers share the suite's database and Redis prefix, as two processes would.
    const config = loadConfig({
      ...harness.services.env,
      QUEUE_PARTITIONS: '4',
      ROUTER_BATCH_SIZE: '250',
      ROUTER_HIGH_WATER: '1000000',
    });
    const module = await Test.createTestingModule({
      imports: [
        TaskloomConfigModule.forRoot(config),
        PersistenceModule.forRoot({ url: config.database.url, poolSize: 5, applicationName: 'router-test' }),
        QueueModule.forRoot('router-test'),
        RouterFeaturesModule,
      ],
    }).compile();
    const enqueued: ClaimedTask[] = [];
    const dispatcher = module.get(DispatcherService);
    const enqueuer = (dispatcher as unknown as { enqueuer: { enqueue(tasks: ClaimedTask[]): Promise<void> } }).enqueuer;
    const enqueue = enqueuer.enqueue.bind(enqueuer);
    // Recorded once BullMQ has the jobs: the claim commits 'queued' in PostgreSQL before the jobs are added.
    enqueuer.enqueue = async (tasks) => {
      await enqueue(tasks);
      enqueued.push(...tasks);
    };
    routers.push(module);
    return { module, enqueued };
  }

  it('enqueues each of 10,000 ready tasks exactly once', async () => {
    await harness.starter.start({
      workflow: 'wide',
      input: { items: Array.from({ length: TASKS }, (_, i) => i) },
      tenant: 'default',
    });
    const [first, second] = [await startRouter(), await startRouter()];
    await Promise.all([first.module.init(), second.module.init()]);

    // Short of the test's own timeout, so a slow machine reports how far the routers got.
    const deadline = Date.now() + 150_000;
    for (;;) {
      const [row] = await harness.database.query(`SELECT count(*)::int AS n FROM tasks WHERE status = 'queued'`);
      const added = first.enqueued.length + second.enqueued.length;
      if (row.n === TASKS && added >= TASKS) break;
      if (Date.now() > deadline) throw new Error(`${row.n} of ${TASKS} queued, ${added} enqueued`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }

    const all = [...first.enqueued, ...second.enqueued];
    const ids = all.map((task) => task.taskId);
    expect(ids).toHaveLength(TASKS);
    expect(new Set(ids).size).toBe(TASKS);
    expect(first.enqueued.length).toBeGreaterThan(0);
    expect(second.enqueued.length).toBeGreaterThan(0);

    const queues = harness.module.get(QueueRegistry);
    let jobs = 0;
    for (const queue of new Set(all.map((task) => task.queue))) {
      const counts = await queues.get(queue).getJobCounts('prioritized', 'wait');
      jobs += counts.prioritized! + counts.wait!;
    }
    expect(jobs).toBe(TASKS);
  }, 180_000);
});
