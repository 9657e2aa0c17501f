import {
  CLAIM_PLANNER,
  READY_KINDS,
  TaskAttemptRepository,
  TaskDispatchRepository,
  TransactionRunner,
  type DatabasePool,
} from '@taskloom/persistence';
import { migratedDatabase } from '../support/database';
import { newRun } from '../support/runs';
import { createSuiteServices, type SuiteServices } from '../support/services';
import { readyTaskRow } from '../support/task-rows';

/** What the dispatcher's probe reads (ADR 0034): it polls often only while some task is ready. */
describe('dispatch readiness', () => {
  let services: SuiteServices;
  let database: DatabasePool;
  let transactions: TransactionRunner;
  let tasks: TaskDispatchRepository;
  let attempts: TaskAttemptRepository;
  let runId: string;

  beforeAll(async () => {
    services = await createSuiteServices('dispatch-readiness');
    database = await migratedDatabase(services.databaseUrl, 4);
    transactions = new TransactionRunner(database);
    tasks = new TaskDispatchRepository(database, transactions);
    attempts = new TaskAttemptRepository(database);
    ({ runId } = await newRun(database));
  });

  afterAll(async () => {
    await database?.close();
    await services?.dispose();
  });

  it('tells a due task (plain or keyed) from one backing off after a failure, and both from nothing ready', async () => {
    expect(await tasks.readiness()).toEqual({ due: false, ready: false });

    const failing = readyTaskRow(runId);
    await transactions.run((db) => tasks.insertTasks(db, [failing]));
    expect(await tasks.readiness()).toEqual({ due: true, ready: true });
    expect(await transactions.run((db) => tasks.claimReady(db, 10, []))).toHaveLength(1);
    expect(await tasks.readiness()).toEqual({ due: false, ready: false });

    const retried = await transactions.run((db) =>
      attempts.recordOutcomes(db, [
        {
          taskId: failing.id,
          attempt: 1,
          status: 'failed',
          error: { name: 'Boom', message: 'failed on purpose' },
          executorId: null,
          startedAt: null,
          durationMs: 1,
          recordStatus: 'failed',
          retry: { delayMs: 60_000, dispatchBonusMs: 0 },
        },
      ]),
    );
    expect(retried.retried).toEqual([failing.id]);
    // Ready again, but not before its backoff has passed.
    expect(await tasks.readiness()).toEqual({ due: false, ready: true });

    const keyed = readyTaskRow(runId, { concurrencyKey: 'customer-1', concurrencyLimit: 1 });
    await transactions.run((db) => tasks.insertTasks(db, [keyed]));
    expect(await tasks.readiness()).toEqual({ due: true, ready: true });
  });

  it("tells the claim's opening whether a keyed or a rate-limited task is ready, so a round skips the claims that would find none", async () => {
    const { runId: own } = await newRun(database);
    const readyKinds = () => transactions.runOpenedWith(READY_KINDS, async (_db, ready) => ready);
    await transactions.run((db) => tasks.claimReady(db, 1_000, []));
    await transactions.run((db) => tasks.claimKeyed(db, 1_000, []));
    expect(await readyKinds()).toEqual({ keyed: false, rateLimited: false });

    await transactions.run((db) => tasks.insertTasks(db, [readyTaskRow(own)]));
    expect(await readyKinds()).toEqual({ keyed: false, rateLimited: false });

    await transactions.run((db) =>
      tasks.insertTasks(db, [readyTaskRow(own, { rateKey: 'api-quota', rateLimit: 10, ratePeriodMs: 1_000 })]),
    );
    expect(await readyKinds()).toEqual({ keyed: false, rateLimited: true });

    await transactions.run((db) =>
      tasks.insertTasks(db, [readyTaskRow(own, { concurrencyKey: 'k', concurrencyLimit: 1 })]),
    );
    expect(await readyKinds()).toEqual({ keyed: true, rateLimited: true });
  });

  it('claims plain tasks fairly in one round trip, and says which other kinds of task were ready as it opened', async () => {
    const { runId: own } = await newRun(database);
    await transactions.run((db) => tasks.claimReady(db, 1_000, []));
    await transactions.run((db) => tasks.claimKeyed(db, 1_000, []));
    await transactions.run((db) => tasks.claimRateLimited(db, 1_000, []));
    const options = { waitForFlush: false, planner: CLAIM_PLANNER };
    const plain = [readyTaskRow(own), readyTaskRow(own), readyTaskRow(own)];
    await transactions.run((db) => tasks.insertTasks(db, plain));

    const first = await tasks.claimFairlyInOneTrip(2, [], options);
    expect(first.tasks.map((task) => task.taskId)).toEqual(plain.slice(0, 2).map((row) => row.id));
    expect(first).toMatchObject({ more: true, ready: { keyed: false, rateLimited: false } });

    const keyed = readyTaskRow(own, { concurrencyKey: 'one-trip', concurrencyLimit: 1 });
    await transactions.run((db) => tasks.insertTasks(db, [keyed]));
    const second = await tasks.claimFairlyInOneTrip(2, [], options);
    expect(second.tasks.map((task) => task.taskId)).toEqual([plain[2]!.id]);
    expect(second).toMatchObject({ more: false, ready: { keyed: true, rateLimited: false } });
    // Committed: the claimed rows are queued for every connection, and the keyed task is left to its own claim.
    const statuses = await database.query<{ id: string; status: string }>(
      `SELECT id, status FROM tasks WHERE id = ANY($1::uuid[]) ORDER BY status`,
      [[...plain, keyed].map((row) => row.id)],
    );
    expect(statuses.map((row) => row.status)).toEqual(['queued', 'queued', 'queued', 'ready']);
    expect(statuses[3]!.id).toBe(keyed.id);
  });
});
