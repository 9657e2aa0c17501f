import { loadConfig } from '@taskloom/config';
import { RetentionRepository } from '@taskloom/persistence';
import { RetentionService } from '@taskloom/router';
import { OrchestratorHarness } from '../support/orchestrator-harness';

const DAY_MS = 86_400_000;

describe('retention on a real PostgreSQL', () => {
  let harness: OrchestratorHarness;

  beforeAll(async () => {
    harness = await OrchestratorHarness.create('retention');
    await harness.define({
      name: 'keepable',
      tasks: [
        { key: 'a', type: 'core.noop' },
        { key: 'each', type: 'core.noop', dependsOn: ['a'], forEach: '{{ [1, 2, 3] }}' },
      ],
    });
  });

  afterAll(async () => {
    await harness?.close();
  });

  async function finishedRun(endedDaysAgo: number): Promise<string> {
    const run = await harness.starter.start({ workflow: 'keepable', input: {}, tenant: 'default' });
    expect((await harness.drive(run.id)).status).toBe('succeeded');
    await harness.database.query(`UPDATE runs SET finished_at = now() - $2 * interval '1 day' WHERE id = $1`, [
      run.id,
      endedDaysAgo,
    ]);
    return run.id;
  }

  async function rowsOf(runIds: string[]): Promise<{ runs: number; tasks: number; attempts: number }> {
    const [row] = await harness.database.query<{ runs: number; tasks: number; attempts: number }>(
      `SELECT (SELECT count(*) FROM runs WHERE id = ANY($1::uuid[]))::int AS runs,
              (SELECT count(*) FROM tasks WHERE run_id = ANY($1::uuid[]))::int AS tasks,
              (SELECT count(*) FROM task_attempts WHERE run_id = ANY($1::uuid[]))::int AS attempts`,
      [runIds],
    );
    return row!;
  }

  it('deletes runs that ended before the cutoff, with their tasks, items and attempts, in batches', async () => {
    const old = [
      await finishedRun(40),
      await finishedRun(35),
      await finishedRun(31),
      await finishedRun(45),
      await finishedRun(60),
    ];
    const recent = await finishedRun(2);
    const active = (await harness.starter.start({ workflow: 'keepable', input: {}, tenant: 'default' })).id;
    // An active run is never deleted, however old.
    await harness.database.query(`UPDATE runs SET created_at = now() - interval '90 days' WHERE id = $1`, [active]);
    // Every finished run has 5 tasks (a, the forEach group, 3 items) and 4 attempts.
    expect(await rowsOf(old)).toEqual({ runs: 5, tasks: 25, attempts: 20 });

    const repository = harness.module.get(RetentionRepository);
    const cutoff = new Date(Date.now() - 30 * DAY_MS);
    expect(await repository.deleteFinishedRuns(cutoff, 2)).toBe(2);
    // Oldest first: the runs that ended 60 and 45 days ago went in the first batch.
    expect(await rowsOf([old[4]!, old[3]!])).toEqual({ runs: 0, tasks: 0, attempts: 0 });
    expect((await rowsOf(old)).runs).toBe(3);

    const service = new RetentionService(loadConfig({ RETENTION_DAYS: '30', RETENTION_BATCH_SIZE: '2' }), repository);
    expect(await service.sweep()).toBe(3);
    expect(await rowsOf(old)).toEqual({ runs: 0, tasks: 0, attempts: 0 });
    expect(await rowsOf([recent])).toEqual({ runs: 1, tasks: 5, attempts: 4 });
    expect((await rowsOf([active])).runs).toBe(1);
    expect(await service.sweep()).toBe(0);
  });

  it('skips runs another transaction holds and deletes the others', async () => {
    const older = await finishedRun(50);
    const held = await finishedRun(60);
    const holder = await harness.database.connect();
    await holder.query('BEGIN');
    try {
      await holder.query('SELECT 1 FROM runs WHERE id = $1 FOR UPDATE', [held]);
      expect(
        await harness.module.get(RetentionRepository).deleteFinishedRuns(new Date(Date.now() - 30 * DAY_MS), 10),
      ).toBe(1);
      expect((await rowsOf([older])).runs).toBe(0);
      expect((await rowsOf([held])).runs).toBe(1);
    } finally {
      await holder.query('ROLLBACK');
      holder.release();
    }
  });

  it('deletes executors that stopped or went silent before the cutoff', async () => {
    await harness.database.query(
      `INSERT INTO executors (id, hostname, pid, task_types, queues, capacity, heartbeat_at, stopped_at) VALUES
         ('00000000-0000-4000-8000-0000000000a1', 'h', 1, '{}', '{}', '{}', now() - interval '40 days', now() - interval '40 days'),
         ('00000000-0000-4000-8000-0000000000a2', 'h', 2, '{}', '{}', '{}', now() - interval '40 days', NULL),
         ('00000000-0000-4000-8000-0000000000a3', 'h', 3, '{}', '{}', '{}', now(), NULL)`,
    );
    expect(await harness.module.get(RetentionRepository).deleteGoneExecutors(new Date(Date.now() - 30 * DAY_MS))).toBe(
      2,
    );
    const left = await harness.database.query(`SELECT pid FROM executors ORDER BY pid`);
    expect(left).toEqual([{ pid: 3 }]);
  });
});
