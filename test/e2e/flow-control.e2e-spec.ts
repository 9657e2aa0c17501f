import { Cluster } from '../support/cluster';
import { publishCoreTaskTypes } from '../support/task-types';
import { maxOverlapByKey, startRun, taskOf, type RunView } from '../support/flow-control';

/**
 * DESIGN §10 on real processes: two routers and two executors share one
 * PostgreSQL and Redis. Concurrency is measured from the attempts recorded
 * in PostgreSQL (start and duration), not from the code under test.
 */
describe('flow control across two routers and two executors', () => {
  let cluster: Cluster;

  beforeAll(async () => {
    cluster = await Cluster.start('e2e-flow', {
      EXECUTOR_HEARTBEAT_MS: '300',
      EXECUTOR_LOST_AFTER_MS: '1500',
      RECONCILE_INTERVAL_MS: '500',
      // core.noop in a pool of its own, so pausing its queues holds nothing else back (ADR 0024).
      QUEUE_POOLS: 'noop=core.noop',
    });
    await Promise.all([cluster.startRouter(), cluster.startExecutor()]);
    await cluster.api.post('/api/v1/workflows', {
      name: 'per-customer',
      tasks: [
        {
          key: 'call',
          type: 'core.sleep',
          forEach: '{{ run.input.items }}',
          input: { ms: '{{ item }}' },
          concurrency: { key: '{{ run.input.customer }}', limit: 3 },
        },
      ],
    });
    await cluster.api.post('/api/v1/workflows', {
      name: 'holder',
      tasks: [
        {
          key: 'hold',
          type: 'core.sleep',
          input: { ms: '{{ run.input.ms }}' },
          timeoutMs: 60_000,
          retry: { maxAttempts: 1 },
          concurrency: { key: '{{ run.input.key }}', limit: 1 },
        },
      ],
    });
    await cluster.api.post('/api/v1/workflows', {
      name: 'failing-holder',
      tasks: [
        {
          key: 'hold',
          type: 'core.fail',
          input: { retryable: false },
          retry: { maxAttempts: 1 },
          concurrency: { key: '{{ run.input.key }}', limit: 1 },
        },
      ],
    });
    await cluster.api.post('/api/v1/workflows', {
      name: 'timing-out-holder',
      tasks: [
        {
          key: 'hold',
          type: 'core.sleep',
          input: { ms: 60_000 },
          timeoutMs: 300,
          retry: { maxAttempts: 1 },
          concurrency: { key: '{{ run.input.key }}', limit: 1 },
        },
      ],
    });
  });

  afterAll(async () => {
    await cluster?.stop();
  });

  it('runs at most 3 of 200 tasks on one key at once, while another key proceeds', async () => {
    const hot = await startRun(cluster, 'per-customer', { customer: 'hot', items: Array(200).fill(30) });
    // The hot key's slots cycle independently, so three short tasks need not overlap once starts lag on a loaded
    // machine: a key whose first three tasks outlast such lags shows that all three slots are used.
    const full = await startRun(cluster, 'per-customer', { customer: 'full', items: Array(4).fill(2_000) });
    const cold = await startRun(cluster, 'per-customer', { customer: 'cold', items: Array(6).fill(1) });
    const coldRun = await cluster.api.waitForRun<RunView>(cold, 120_000);
    const [{ n: hotDone }] = await cluster.sql<{ n: number }>(
      `SELECT count(*)::int AS n FROM tasks WHERE run_id = $1 AND kind = 'item' AND status = 'succeeded'`,
      [hot],
    );
    const hotRun = await cluster.api.waitForRun<RunView>(hot, 600_000);
    const fullRun = await cluster.api.waitForRun<RunView>(full, 120_000);

    expect(coldRun.status).toBe('succeeded');
    expect(hotRun.status).toBe('succeeded');
    expect(fullRun.status).toBe('succeeded');
    // The other key did not wait for the hot key's 200 tasks.
    expect(hotDone).toBeLessThan(200);
    const overlap = await maxOverlapByKey(cluster, [hot, full, cold]);
    expect(overlap.get('default/hot')).toBeLessThanOrEqual(3);
    expect(overlap.get('default/full')).toBe(3);
    expect(overlap.get('default/cold')).toBeLessThanOrEqual(3);
    const [{ n: attempts }] = await cluster.sql<{ n: number }>(
      `SELECT count(*)::int AS n FROM task_attempts a JOIN tasks t ON t.id = a.task_id
        WHERE t.run_id = $1 AND t.kind = 'item' AND a.status = 'succeeded'`,
      [hot],
    );
    expect(attempts).toBe(200);
    // 67 rounds of 3, one after another: seconds on a quiet machine, minutes on a saturated one.
  }, 600_000);

  /** Starts a holder, waits until it holds the key's one slot, ends it by `end`, and checks a waiter then runs. */
  async function slotFreedBy(
    key: string,
    holder: () => Promise<string>,
    end: (holderRun: string, waiterRun: string) => Promise<void>,
  ) {
    const holderRun = await holder();
    await cluster.api.waitFor(async () => {
      const [row] = await cluster.sql<{ status: string }>(`SELECT status FROM tasks WHERE run_id = $1`, [holderRun]);
      return row?.status !== 'ready' && row?.status !== 'blocked';
    }, `the holder of ${key} to be claimed`);
    const waiter = await startRun(cluster, 'holder', { key, ms: 10 });
    await end(holderRun, waiter);
    const waited = await cluster.api.waitForRun<RunView>(waiter, 60_000);
    expect(waited.status).toBe('succeeded');
    expect((await maxOverlapByKey(cluster, [holderRun, waiter])).get(`default/${key}`)).toBe(1);
    return cluster.api.waitForRun<RunView>(holderRun, 60_000);
  }

  it('a cancelled holder frees its slot', async () => {
    const holder = await slotFreedBy(
      'cancelled',
      () => startRun(cluster, 'holder', { key: 'cancelled', ms: 60_000 }),
      async (run, waiter) => {
        await cluster.api.waitFor(
          async () =>
            (await cluster.sql(`SELECT 1 FROM tasks WHERE run_id = $1 AND status = 'running'`, [run])).length > 0,
          'the holder to run',
        );
        const waiting = taskOf((await cluster.api.get<RunView>(`/api/v1/runs/${waiter}`)).body, 'hold');
        expect(waiting).toMatchObject({
          status: 'ready',
          waitingOn: { cause: 'concurrency', key: 'cancelled', held: 1, limit: 1 },
        });
        expect((await cluster.api.post(`/api/v1/runs/${run}/cancel`)).status).toBe(200);
      },
    );
    expect(holder.status).toBe('cancelled');
  });

  it('a failed holder frees its slot', async () => {
    const holder = await slotFreedBy(
      'failed',
      () => startRun(cluster, 'failing-holder', { key: 'failed' }),
      async () => undefined,
    );
    expect(holder.status).toBe('failed');
  });

  it('a timed-out holder frees its slot', async () => {
    const holder = await slotFreedBy(
      'timed-out',
      () => startRun(cluster, 'timing-out-holder', { key: 'timed-out' }),
      async () => undefined,
    );
    expect(holder.status).toBe('failed');
    expect(taskOf(holder, 'hold').error).toMatchObject({ name: expect.stringMatching(/Timeout/) });
  });

  it('says why each waiting task waits: dependencies, a paused run, a retry backoff, a paused queue, no executor', async () => {
    await publishCoreTaskTypes(cluster.services.databaseUrl, ['test.unserved']);
    await cluster.api.post('/api/v1/workflows', {
      name: 'chain',
      tasks: [
        { key: 'a', type: 'core.sleep', input: { ms: 3_000 } },
        { key: 'b', type: 'core.sleep', input: { ms: 10 }, dependsOn: ['a'] },
      ],
    });
    await cluster.api.post('/api/v1/workflows', {
      name: 'backing-off',
      tasks: [
        {
          key: 'f',
          type: 'core.fail',
          retry: { maxAttempts: 2, delayMs: 600_000, maxDelayMs: 600_000, backoff: 'fixed', jitter: false },
        },
      ],
    });
    await cluster.api.post('/api/v1/workflows', { name: 'noop', tasks: [{ key: 'n', type: 'core.noop' }] });
    await cluster.api.post('/api/v1/workflows', { name: 'unserved', tasks: [{ key: 'u', type: 'test.unserved' }] });
    const queues = (await cluster.api.get<{ items: { name: string; pool: string }[] }>('/api/v1/admin/queues')).body
      .items;
    const noopQueues = queues.filter((queue) => queue.pool === 'noop').map((queue) => queue.name);
    expect(noopQueues).toHaveLength(4);
    for (const name of noopQueues)
      expect((await cluster.api.post(`/api/v1/admin/queues/${encodeURIComponent(name)}/pause`)).status).toBe(200);
    try {
      await waitingOnCauses(noopQueues);
    } finally {
      for (const name of noopQueues) await cluster.api.post(`/api/v1/admin/queues/${encodeURIComponent(name)}/resume`);
    }
  });

  async function waitingOnCauses(noopQueues: string[]) {
    const [chain, backingOff, noop, unserved] = await Promise.all([
      startRun(cluster, 'chain', {}),
      startRun(cluster, 'backing-off', {}),
      startRun(cluster, 'noop', {}),
      startRun(cluster, 'unserved', {}),
    ]);
    const view = async (run: string, key: string) =>
      taskOf((await cluster.api.get<RunView>(`/api/v1/runs/${run}`)).body, key);

    // The chain first: everything up to its pause must land while `a` still runs.
    expect(await view(chain, 'b')).toMatchObject({
      status: 'blocked',
      waitingOn: { cause: 'dependencies', remaining: 1, total: 1 },
    });
    // Paused while its parent runs: the child becomes ready and waits for the run, not the router.
    await cluster.api.waitFor(async () => (await view(chain, 'a')).status !== 'ready', 'a to be claimed', 120_000);
    expect((await cluster.api.post(`/api/v1/runs/${chain}/pause`)).status).toBe(200);

    // A type no live executor serves: the router may already have queued it, where it waits all the same.
    expect(await view(unserved, 'u')).toMatchObject({ waitingOn: { cause: 'no_executor', type: 'test.unserved' } });
    expect(await view(noop, 'n')).toMatchObject({ waitingOn: { cause: 'queue_paused' } });
    expect(noopQueues).toContain((await view(noop, 'n')).waitingOn?.queue);

    await cluster.api.waitFor(async () => (await view(chain, 'b')).status === 'ready', 'b to become ready', 120_000);
    expect(await view(chain, 'b')).toMatchObject({ waitingOn: { cause: 'run_paused' } });

    await cluster.api.waitFor(
      async () => (await view(backingOff, 'f')).waitingOn?.cause === 'retry_backoff',
      'the retry to back off',
      120_000,
    );
    expect(await view(backingOff, 'f')).toMatchObject({ status: 'ready', waitingOn: { until: expect.any(String) } });

    // Each cause lifted, each run moves on.
    expect((await cluster.api.post(`/api/v1/runs/${chain}/resume`)).status).toBe(200);
    for (const name of noopQueues) await cluster.api.post(`/api/v1/admin/queues/${encodeURIComponent(name)}/resume`);
    await cluster.api.post(`/api/v1/runs/${backingOff}/cancel`);
    await cluster.api.post(`/api/v1/runs/${unserved}/cancel`);
    expect((await cluster.api.waitForRun<RunView>(chain)).status).toBe('succeeded');
    expect((await cluster.api.waitForRun<RunView>(noop)).status).toBe('succeeded');
    const done = (await cluster.api.get<RunView>(`/api/v1/runs/${chain}`)).body;
    expect(done.tasks.every((task) => task.waitingOn === undefined)).toBe(true);
  }

  it("starts tenant B's new run within one dispatch batch of tenant A's 20,000-run backlog", async () => {
    await cluster.api.post('/api/v1/workflows', { name: 'backlog', tasks: [{ key: 'n', type: 'core.noop' }] });
    const warm = await startRun(cluster, 'backlog', {});
    await cluster.api.waitForRun(warm);
    const [{ queue, definition_id: definitionId }] = await cluster.sql<{ queue: string; definition_id: string }>(
      `SELECT t.queue, r.definition_id FROM tasks t JOIN runs r ON r.id = t.run_id WHERE r.id = $1`,
      [warm],
    );
    // Tenant A's backlog, written the way run creation writes it, in two statements.
    await cluster.sql(
      `WITH r AS (
         INSERT INTO runs (id, definition_id, workflow_name, workflow_version, status, priority, input, tenant,
                           tasks_remaining, started_at)
         SELECT gen_random_uuid(), $1, 'backlog', 1, 'running', 1, '{}', 'tenant-a', 1, now()
           FROM generate_series(1, 20000)
         RETURNING id)
       INSERT INTO tasks (id, run_id, tenant, key, kind, type, status, priority, attempt, max_attempts, timeout_ms,
                          input, queue, available_at, dispatch_at)
       SELECT gen_random_uuid(), r.id, 'tenant-a', 'n', 'task', 'core.noop', 'ready', 1, 1, 1, 30000, '{}', $2,
              now(), now() - interval '1 hour'
         FROM r`,
      [definitionId, queue],
    );
    await cluster.sql(`SELECT pg_notify('taskloom_ready', '')`);
    await cluster.api.waitFor(
      async () =>
        (await cluster.sql(`SELECT 1 FROM tasks WHERE tenant = 'tenant-a' AND status <> 'ready' LIMIT 1`)).length > 0,
      "the routers to start on tenant A's backlog",
    );

    const quiet = await startRun(cluster, 'backlog', {});
    await cluster.api.waitFor(
      async () =>
        (await cluster.sql(`SELECT 1 FROM tasks WHERE run_id = $1 AND status <> 'ready'`, [quiet])).length > 0,
      "tenant B's task to be claimed",
      120_000,
    );
    const [{ ahead, left }] = await cluster.sql<{ ahead: number; left: number }>(
      `SELECT count(*) FILTER (WHERE a.queued_at > b.available_at AND a.queued_at <= b.queued_at)::int AS ahead,
              count(*) FILTER (WHERE a.status = 'ready')::int AS "left"
         FROM tasks a, tasks b WHERE a.tenant = 'tenant-a' AND b.run_id = $1`,
      [quiet],
    );
    await cluster.sql(`UPDATE tasks SET status = 'cancelled' WHERE tenant = 'tenant-a' AND status = 'ready'`);
    // Two routers: each may claim one batch of A's while B's task waits for the next claim.
    expect(ahead).toBeLessThanOrEqual(2 * 500);
    expect(left).toBeGreaterThan(10_000);
    expect((await cluster.api.waitForRun<RunView>(quiet, 120_000)).status).toBe('succeeded');
  });

  it('a holder on a SIGKILLed executor frees its slot (its retry takes it again, then the waiter runs)', async () => {
    const holder = await slotFreedBy(
      'killed',
      // Long enough for the waiter's start and the kill to land while it runs on a loaded machine; its retry runs it
      // again in full, so no longer.
      () => startRun(cluster, 'holder', { key: 'killed', ms: 5_000 }),
      async (run) => {
        await cluster.api.waitFor(
          async () =>
            (await cluster.sql(`SELECT 1 FROM tasks WHERE run_id = $1 AND status = 'running'`, [run])).length > 0,
          'the holder to run',
        );
        const [{ pid }] = await cluster.sql<{ pid: number }>(
          `SELECT e.pid FROM tasks t JOIN executors e ON e.id = t.executor_id WHERE t.run_id = $1`,
          [run],
        );
        const victim = cluster.processes.find((process) => process.app === 'executor' && process.pid === pid)!;
        // The other executor takes the holder's retry: no replacement is started (the suite ends here).
        await victim.kill('SIGKILL');
      },
    );
    expect(holder.status).toBe('succeeded');
    const attempts = await cluster.sql<{ status: string }>(
      `SELECT a.status FROM task_attempts a JOIN tasks t ON t.id = a.task_id WHERE t.run_id = $1 ORDER BY a.attempt`,
      [holder.id],
    );
    expect(attempts.map((a) => a.status)).toEqual(['interrupted', 'succeeded']);
  });
});
