import {
  CLAIM_PLANNER,
  FlowControlRepository,
  TaskDispatchRepository,
  TenantWeightRepository,
  TransactionRunner,
  type DatabasePool,
  type Db,
  type NewTaskRow,
} from '@taskloom/persistence';
import type { QueryConfig, QueryResultRow } from 'pg';
import { migratedDatabase, rowsOn } from '../support/database';
import { createSuiteServices, type SuiteServices } from '../support/services';
import { newRun } from '../support/runs';
import { readyTaskRow } from '../support/task-rows';

/** The claim's flow control (ADR 0022) on a real PostgreSQL: concurrency keys and tenant fair share. */
describe('flow control in the claim', () => {
  let services: SuiteServices;
  let database: DatabasePool;
  let transactions: TransactionRunner;
  let dispatch: TaskDispatchRepository;
  let flow: FlowControlRepository;
  let weights: TenantWeightRepository;

  beforeAll(async () => {
    services = await createSuiteServices('flow-control');
    database = await migratedDatabase(services.databaseUrl, 20);
    transactions = new TransactionRunner(database);
    dispatch = new TaskDispatchRepository(database, transactions);
    flow = new FlowControlRepository(database);
    weights = new TenantWeightRepository(database);
  });

  afterAll(async () => {
    await database?.close();
    await services?.dispose();
  });

  beforeEach(async () => {
    // Each test starts with nothing ready: what an earlier test left would take part in its claims.
    await rowsOn(database.db, `UPDATE tasks SET status = 'cancelled' WHERE status IN ('ready', 'queued', 'running')`);
  });

  const readyTask = (runId: string, tenant: string, overrides: Partial<NewTaskRow> = {}) =>
    readyTaskRow(runId, { tenant, ...overrides });

  it('never lets concurrent claimers exceed a key’s limit, and a slot freed by any status change is claimed again', async () => {
    const { runId } = await newRun(database, { tenant: 'default' });
    const keyed = (key: string, index: number) =>
      readyTask(runId, 'default', { concurrencyKey: key, concurrencyLimit: 3, dispatchBonusMs: -index });
    const rows = [
      ...Array.from({ length: 30 }, (_, index) => keyed('default/hot', index)),
      ...Array.from({ length: 5 }, (_, index) => keyed('default/cold', index)),
    ];
    await transactions.run((db) => dispatch.insertTasks(db, rows));

    const claims = await Promise.all(
      Array.from({ length: 8 }, () => transactions.run((db) => dispatch.claimKeyed(db, 100, []))),
    );
    const claimed = claims.flat();
    expect(new Set(claimed.map((task) => task.taskId)).size).toBe(claimed.length);
    const byKey = await flow.heldSlots(['default/hot', 'default/cold']);
    expect(byKey).toEqual(
      new Map([
        ['default/hot', 3],
        ['default/cold', 3],
      ]),
    );
    // The oldest of each key went first.
    const hotIds = rows.slice(0, 3).map((row) => row.id);
    expect(claimed.filter((task) => hotIds.includes(task.taskId))).toHaveLength(3);

    // One holder succeeds, one is cancelled, one goes back to 'ready' for a retry: three slots free.
    const [a, b, c] = hotIds;
    await rowsOn(database.db, `UPDATE tasks SET status = 'succeeded' WHERE id = $1`, [a]);
    await rowsOn(database.db, `UPDATE tasks SET status = 'cancelled' WHERE id = $1`, [b]);
    await rowsOn(
      database.db,
      `UPDATE tasks SET status = 'ready', available_at = now() + interval '1 hour' WHERE id = $1`,
      [c],
    );
    const again = await transactions.run((db) => dispatch.claimKeyed(db, 100, []));
    expect(again.map((task) => task.taskId).sort()).toEqual(
      rows
        .slice(3, 6)
        .map((row) => row.id)
        .sort(),
    );
    expect((await flow.heldSlots(['default/hot'])).get('default/hot')).toBe(3);
    // Keyed tasks are never claimed by the plain claim.
    expect(await transactions.run((db) => dispatch.claimReady(db, 100, []))).toEqual([]);
  });

  it('gives a tenant’s single new task a place in the next batch, behind another tenant’s whole backlog', async () => {
    const { runId: busy } = await newRun(database, { tenant: 'tenant-a' });
    const backlog = Array.from({ length: 500 }, (_, index) =>
      readyTask(busy, 'tenant-a', { dispatchBonusMs: 10_000 - index }),
    );
    await transactions.run((db) => dispatch.insertTasks(db, backlog));
    const { runId: quiet } = await newRun(database, { tenant: 'tenant-b' });
    const single = readyTask(quiet, 'tenant-b');
    await transactions.run((db) => dispatch.insertTasks(db, [single]));

    const batch = await transactions.run((db) => dispatch.claimReady(db, 50, []));
    expect(batch).toHaveLength(50);
    expect(batch.map((task) => task.taskId)).toContain(single.id);
  });

  it('shares a batch between tenants by weight, within a priority class first', async () => {
    await weights.set('tenant-heavy', 3);
    const { runId: heavy } = await newRun(database, { tenant: 'tenant-heavy' });
    const { runId: light } = await newRun(database, { tenant: 'tenant-light' });
    await transactions.run((db) =>
      dispatch.insertTasks(db, [
        ...Array.from({ length: 100 }, () => readyTask(heavy, 'tenant-heavy')),
        ...Array.from({ length: 100 }, () => readyTask(light, 'tenant-light')),
        readyTask(light, 'tenant-light', { priority: 3, dispatchBonusMs: 60_000 }),
      ]),
    );
    const batch = await transactions.run((db) => dispatch.claimReady(db, 41, []));
    const runsOf = batch.map((task) => task.runId);
    // The critical task goes first whoever owns it; then three turns for weight 3 to one for weight 1.
    expect(batch.find((task) => task.priority === 3)).toBeDefined();
    expect(runsOf.filter((run) => run === heavy)).toHaveLength(30);
    expect(runsOf.filter((run) => run === light)).toHaveLength(11);
    expect(await weights.get('tenant-heavy')).toBe(3);
    expect(await weights.get('tenant-unknown')).toBe(1);
  });

  it('plans the router’s claim round without JIT, in the bench’s shape (batch of 500, fan-out heads, keyed and rate-limited tasks)', async () => {
    // The bench's warm-up: 200 fan-out runs whose start tasks turn ready at once, plus keyed tasks.
    const { runId } = await newRun(database, { tenant: 'default' });
    const plain = Array.from({ length: 200 }, () => readyTask(runId, 'default'));
    const keyed = Array.from({ length: 20 }, (_, index) =>
      readyTask(runId, 'default', { concurrencyKey: `default/k${index % 10}`, concurrencyLimit: 2 }),
    );
    // Rate-limited tasks (ADR 0026), two buckets of 50 a minute (slices of 5), one of them also keyed: every statement runs.
    const rated = Array.from({ length: 20 }, (_, index) =>
      readyTask(runId, 'default', {
        rateKey: `default/r${index % 2}`,
        rateLimit: 50,
        ratePeriodMs: 60_000,
        ...(index % 2 === 0 && { concurrencyKey: 'default/rk', concurrencyLimit: 50 }),
      }),
    );
    await transactions.run((db) => dispatch.insertTasks(db, [...plain, ...keyed, ...rated]));

    // Each statement is explained (with its parameters) on the claim's own connection, then run.
    // EXPLAIN reports a JIT section when the statement would be compiled: with enable_sort off the
    // claims' unavoidable sorts cost 1e10 and were compiled on every round, seconds of CPU each.
    const plans: { text: string; jit: unknown }[] = [];
    const explaining = (db: Db): Db => ({
      async query<R extends QueryResultRow>(config: QueryConfig) {
        const explained = await db.query<{ 'QUERY PLAN': [{ JIT?: unknown }] }>({
          text: `EXPLAIN (FORMAT JSON) ${config.text}`,
          values: config.values,
        });
        plans.push({ text: config.text.trim().slice(0, 40), jit: explained.rows[0]!['QUERY PLAN'][0].JIT });
        return db.query<R>(config);
      },
    });
    const round = await transactions.run(
      async (db) => {
        const fair = await dispatch.claimFairly(explaining(db), 500, []);
        const keyedTasks = await dispatch.claimKeyed(explaining(db), 500, []);
        return {
          plain: fair.tasks,
          keyed: keyedTasks,
          rated: await dispatch.claimRateLimited(explaining(db), 500, []),
        };
      },
      { waitForFlush: false, planner: CLAIM_PLANNER },
    );

    expect(round.plain).toHaveLength(200);
    expect(round.keyed).toHaveLength(20);
    expect(round.rated.tasks).toHaveLength(10);
    expect(round.rated.nextPermitInMs).toBeGreaterThan(0);
    // Plain fair claim, keyed claim (2), rate-limited claim (3) and its next-permit lookup.
    expect(plans).toHaveLength(7);
    expect(plans.filter((plan) => plan.jit !== undefined)).toEqual([]);
  });
});
