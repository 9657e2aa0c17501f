import { randomUUID } from 'node:crypto';
import {
  CLAIM_PLANNER,
  FlowControlRepository,
  TaskDispatchRepository,
  TransactionRunner,
  type ClaimedTask,
  type DatabasePool,
  type NewTaskRow,
} from '@taskloom/persistence';
import { migratedDatabase, rowsOn } from '../support/database';
import { fullestWindow } from '../support/flow-control';
import { createSuiteServices, type SuiteServices } from '../support/services';
import { newRun } from '../support/runs';
import { readyTaskRow } from '../support/task-rows';

/** Slack for comparing PostgreSQL's microsecond clock readings with Date.now()'s whole milliseconds. */
const CLOCK_GRAIN_MS = 2;

/** Rate limits in the claim (ADR 0026) on a real PostgreSQL, with concurrent claimers. */
describe('rate limits in the claim', () => {
  let services: SuiteServices;
  let database: DatabasePool;
  let transactions: TransactionRunner;
  let dispatch: TaskDispatchRepository;
  let flow: FlowControlRepository;

  beforeAll(async () => {
    services = await createSuiteServices('rate-limits');
    database = await migratedDatabase(services.databaseUrl, 20);
    transactions = new TransactionRunner(database);
    dispatch = new TaskDispatchRepository(database, transactions);
    flow = new FlowControlRepository(database);
    // Every permit granted, kept here: the claim deletes expired permits, the test needs all of them.
    await rowsOn(database.db, `CREATE TABLE permit_log (key text NOT NULL, expires_at timestamptz NOT NULL)`);
    await rowsOn(
      database.db,
      `CREATE FUNCTION log_permit() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN
         INSERT INTO permit_log VALUES (NEW.key, NEW.expires_at);
         RETURN NULL;
       END $$`,
    );
    await rowsOn(
      database.db,
      `CREATE TRIGGER tr_log_permit AFTER INSERT ON rate_permits FOR EACH ROW EXECUTE FUNCTION log_permit()`,
    );
  });

  afterAll(async () => {
    await database?.close();
    await services?.dispose();
  });

  beforeEach(async () => {
    await rowsOn(database.db, `UPDATE tasks SET status = 'cancelled' WHERE status IN ('ready', 'queued', 'running')`);
  });

  const rated = (runId: string, key: string, limit: number, periodMs: number, extra: Partial<NewTaskRow> = {}) =>
    readyTaskRow(runId, { rateKey: key, rateLimit: limit, ratePeriodMs: periodMs, ...extra });

  const claimRound = () =>
    transactions.run((db) => dispatch.claimRateLimited(db, 100, []), { waitForFlush: false, planner: CLAIM_PLANNER });

  it('never grants more than the limit in any window, with six routers claiming at once, and keeps up with it', async () => {
    const { runId } = await newRun(database);
    const key = `default/api-${randomUUID()}`;
    const limit = 10;
    const periodMs = 400;
    await transactions.run((db) =>
      dispatch.insertTasks(
        db,
        Array.from({ length: 300 }, () => rated(runId, key, limit, periodMs)),
      ),
    );

    const claimed: ClaimedTask[] = [];
    // When each round began and ended, on the clock PostgreSQL stamps the permits with (this machine's).
    const rounds: { start: number; end: number }[] = [];
    const until = Date.now() + 2_000;
    await Promise.all(
      Array.from({ length: 6 }, async () => {
        while (Date.now() < until) {
          const start = Date.now();
          claimed.push(...(await claimRound()).tasks);
          rounds.push({ start, end: Date.now() });
          await new Promise((resolve) => setTimeout(resolve, 3));
        }
      }),
    );

    expect(new Set(claimed.map((task) => task.taskId)).size).toBe(claimed.length);
    const grants = await rowsOn<{ at: Date }>(
      database.db,
      // A permit expires one period after its grant, and every one of this bucket has the same period.
      `SELECT expires_at AS at FROM permit_log WHERE key = $1 ORDER BY expires_at`,
      [key],
    );
    expect(grants).toHaveLength(claimed.length);
    // Every window of the period that starts at a grant holds at most the limit: the sliding-window invariant.
    const times = grants.map((grant) => grant.at.getTime());
    expect(fullestWindow(times, periodMs)).toBeLessThanOrEqual(limit);

    // A limit of 10 is granted one permit a slice, a tenth of the period apart: never closer, however long the
    // rounds took to run.
    const slice = periodMs / limit;
    const granted = times.map((expires) => expires - periodMs);
    const crowded = granted.filter((at, index) => index > 0 && at - granted[index - 1]! < slice - CLOCK_GRAIN_MS);
    expect(crowded).toEqual([]);

    // Keeps up, as far as it was asked: once a slice is due, the first round that starts after that and after
    // every round already under way has ended gets it — or a round that took the bucket's lock first does — so
    // the next grant comes by the end of the rounds started by then. Judged against the rounds that actually
    // ran, not a rate: a machine too busy to ask often loses slices through no fault of the limiter.
    const late: { after: number | null; asked: number; next: number | null; by: number }[] = [];
    for (let index = -1; index < granted.length; index += 1) {
      const due = index < 0 ? -Infinity : granted[index]! + slice;
      const clear = Math.max(
        due,
        ...rounds.filter((round) => round.start < due + CLOCK_GRAIN_MS).map((round) => round.end),
      );
      const asker = rounds.filter((round) => round.start > clear + CLOCK_GRAIN_MS).sort((a, b) => a.start - b.start)[0];
      if (!asker) continue;
      const by = Math.max(
        ...rounds.filter((round) => round.start <= asker.end + CLOCK_GRAIN_MS).map((round) => round.end),
      );
      const next = granted[index + 1];
      if (next === undefined || next > by + CLOCK_GRAIN_MS)
        late.push({ after: index < 0 ? null : granted[index]!, asked: asker.start, next: next ?? null, by });
    }
    expect(late).toEqual([]);
    expect(claimed.length).toBeGreaterThan(0);
  });

  it('counts a retried task again when it is dispatched again, grants a window in slices, and says when next', async () => {
    const { runId } = await newRun(database);
    const key = `default/retry-${randomUUID()}`;
    // 20 per 10 s: slices of 2, a second apart. The checks below between two slices, and the four permits
    // counted in one window, need those reads to come within the slice and the period.
    const periodMs = 10_000;
    const rows = Array.from({ length: 5 }, (_, index) => rated(runId, key, 20, periodMs, { dispatchBonusMs: -index }));
    await transactions.run((db) => dispatch.insertTasks(db, rows));

    const first = await claimRound();
    expect(first.tasks.map((task) => task.taskId)).toEqual([rows[0]!.id, rows[1]!.id]);
    expect(first.nextPermitInMs).toBeGreaterThan(0);
    expect(first.nextPermitInMs).toBeLessThanOrEqual(periodMs / 10);
    expect((await claimRound()).tasks).toEqual([]);
    const windows = await flow.rateWindows([key]);
    expect(windows.get(key)).toMatchObject({ used: 2, waitFrom: expect.any(Date), nextPermitAt: expect.any(Date) });

    // The first attempt fails and goes back to ready for its retry: its dispatch used a permit, which stays used,
    // and its second dispatch uses another.
    await rowsOn(database.db, `UPDATE tasks SET status = 'ready', attempt = attempt + 1 WHERE id = $1`, [
      first.tasks[0]!.taskId,
    ]);
    await new Promise((resolve) => setTimeout(resolve, first.nextPermitInMs! + 5));
    const second = await claimRound();
    expect(second.tasks.map((task) => task.taskId)).toEqual([rows[0]!.id, rows[2]!.id]);
    expect((await flow.rateWindows([key])).get(key)).toMatchObject({ used: 4 });

    // Rate-limited tasks are claimed by neither the plain nor the keyed claim.
    expect(await transactions.run((db) => dispatch.claimReady(db, 100, []))).toEqual([]);
    expect(await transactions.run((db) => dispatch.claimKeyed(db, 100, []))).toEqual([]);
    const busiest = await flow.busiestRateKeys(500);
    expect(busiest.find((row) => row.key === key)).toEqual({ key, used: 4, limit: 20, periodMs, waiting: 2 });
  });

  it('counts the ready tasks of buckets that have used their whole window', async () => {
    const { runId } = await newRun(database);
    const key = `default/full-${randomUUID()}`;
    await transactions.run((db) =>
      dispatch.insertTasks(
        db,
        Array.from({ length: 3 }, () => rated(runId, key, 1, 60_000)),
      ),
    );
    expect((await claimRound()).tasks).toHaveLength(1);
    expect(await flow.rateLimitedTasks()).toBe(2);
  });

  it('respects a concurrency key and a rate limit on the same task, across concurrent claimers', async () => {
    const { runId } = await newRun(database);
    const rateKey = `default/both-${randomUUID()}`;
    const concurrencyKey = `default/slots-${randomUUID()}`;
    await transactions.run((db) =>
      dispatch.insertTasks(
        db,
        Array.from({ length: 20 }, () => rated(runId, rateKey, 100, 60_000, { concurrencyKey, concurrencyLimit: 3 })),
      ),
    );
    const claims = await Promise.all(Array.from({ length: 6 }, () => claimRound()));
    expect(claims.flatMap((claim) => claim.tasks)).toHaveLength(3);
    expect((await flow.heldSlots([concurrencyKey])).get(concurrencyKey)).toBe(3);
    expect((await flow.rateWindows([rateKey])).get(rateKey)).toMatchObject({ used: 3 });
  });

  it('places a tenant’s tasks past its share of the batch behind the other tenants’ turns', async () => {
    const { runId: mine } = await newRun(database, { tenant: 'tenant-mine' });
    const { runId: other } = await newRun(database, { tenant: 'tenant-other' });
    await transactions.run((db) =>
      dispatch.insertTasks(db, [
        ...Array.from({ length: 30 }, (_, index) =>
          readyTaskRow(mine, { tenant: 'tenant-mine', dispatchBonusMs: -index }),
        ),
        ...Array.from({ length: 30 }, () => readyTaskRow(other, { tenant: 'tenant-other' })),
      ]),
    );
    const turn = await flow.tenantTurn('tenant-mine', 20);
    expect(turn.share).toBe(10);
    expect(turn.othersReady).toBe(20);
    expect(turn.beyondShare).toBeInstanceOf(Date);
    const alone = await flow.tenantTurn('tenant-nobody', 20);
    expect(alone.beyondShare).toBeNull();
  });
});
