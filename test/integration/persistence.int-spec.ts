import { randomUUID } from 'node:crypto';
import {
  MIGRATIONS,
  prepareDatabase,
  RunRepository,
  TaskAttemptRepository,
  TaskDispatchRepository,
  TransactionRunner,
  WorkflowDefinitionRepository,
  type DatabasePool,
  type AttemptOutcomeRow,
} from '@taskloom/persistence';
import { migratedDatabase } from '../support/database';
import { createSuiteServices, type SuiteServices } from '../support/services';
import { newRun } from '../support/runs';
import { readyTaskRow } from '../support/task-rows';

describe('persistence on a real PostgreSQL', () => {
  let services: SuiteServices;
  let database: DatabasePool;
  let transactions: TransactionRunner;
  let definitions: WorkflowDefinitionRepository;
  let runs: RunRepository;
  let tasks: TaskDispatchRepository;
  let attempts: TaskAttemptRepository;

  beforeAll(async () => {
    services = await createSuiteServices('persistence');
    database = await migratedDatabase(services.databaseUrl, 20);
    transactions = new TransactionRunner(database);
    definitions = new WorkflowDefinitionRepository(database);
    runs = new RunRepository(database);
    tasks = new TaskDispatchRepository(database, transactions);
    attempts = new TaskAttemptRepository(database);
  });

  afterAll(async () => {
    await database?.close();
    await services?.dispose();
  });

  it('migrations are recorded once and are safe to run concurrently', async () => {
    const again = await Promise.all([
      prepareDatabase(services.databaseUrl, 'taskloom-test'),
      prepareDatabase(services.databaseUrl, 'taskloom-test'),
    ]);
    expect(again).toEqual([[], []]);
    const applied = await database.query<{ name: string }>('SELECT name FROM migrations ORDER BY id');
    expect(applied.map((row) => row.name)).toEqual(MIGRATIONS.map((migration) => new migration().name));
  });

  it('versions definitions: identical keeps the version, a change makes n+1, concurrent registrations agree', async () => {
    const register = (checksum: string) =>
      transactions.run((db) =>
        definitions.registerVersion(db, 'versioned', checksum, { name: 'versioned', description: checksum, tasks: [] }),
      );
    expect((await register('one')).definition.version).toBe(1);
    expect(await register('one')).toMatchObject({ created: false, definition: { version: 1 } });
    const concurrent = await Promise.all(Array.from({ length: 8 }, () => register('two')));
    expect(concurrent.filter((result) => result.created)).toHaveLength(1);
    expect(new Set(concurrent.map((result) => result.definition.version))).toEqual(new Set([2]));
  });

  it('claims ready tasks in dispatch order, each exactly once across concurrent claimers', async () => {
    const { runId } = await newRun(database);
    const rows = Array.from({ length: 300 }, (_, index) => readyTaskRow(runId, { dispatchBonusMs: -index }));
    await transactions.run((db) => tasks.insertTasks(db, rows));
    const claims = await Promise.all(
      Array.from({ length: 6 }, () => transactions.run((db) => tasks.claimReady(db, 40, []))),
    );
    const claimed = claims.flat().map((task) => task.taskId);
    expect(new Set(claimed).size).toBe(claimed.length);
    expect(claimed.length).toBe(240);
    for (const claim of claims) {
      const positions = claim.map((task) => rows.findIndex((row) => row.id === task.taskId));
      expect(positions).toEqual([...positions].sort((a, b) => a - b));
    }
    const rest = await transactions.run((db) => tasks.claimReady(db, 1000, []));
    expect(rest.length).toBe(60);
  });

  it('leaves tasks of saturated queues and of paused runs where they are', async () => {
    const { runId } = await newRun(database);
    const paused = await newRun(database, { status: 'paused' });
    await transactions.run((db) =>
      tasks.insertTasks(db, [
        readyTaskRow(runId, { queue: 'tasks-{0001}-core.noop' }),
        readyTaskRow(runId, { queue: 'tasks-{0002}-core.noop' }),
        readyTaskRow(paused.runId, { queue: 'tasks-{0003}-core.noop' }),
      ]),
    );
    const claimed = await transactions.run((db) => tasks.claimReady(db, 100, ['tasks-{0001}-core.noop']));
    expect(claimed.map((task) => task.queue)).toEqual(['tasks-{0002}-core.noop']);
  });

  const outcome = (taskId: string, attempt: number, extra: Partial<AttemptOutcomeRow> = {}): AttemptOutcomeRow => ({
    taskId,
    attempt,
    status: 'succeeded',
    output: { attempt },
    executorId: null,
    startedAt: null,
    durationMs: 3,
    recordStatus: 'succeeded',
    ...extra,
  });

  it('fences attempt writes by (task, attempt)', async () => {
    const { runId } = await newRun(database);
    const task = readyTaskRow(runId);
    await transactions.run((db) => tasks.insertTasks(db, [task]));
    await transactions.run((db) => tasks.claimReady(db, 100, []));
    const start = () =>
      transactions.run((db) =>
        attempts.markStarted(db, [{ taskId: task.id, attempt: 1, startedAt: new Date() }], randomUUID()),
      );
    expect(await start()).toHaveLength(1);
    expect(await start()).toHaveLength(0);
    const finish = (attempt: number) =>
      transactions.run((db) => attempts.recordOutcomes(db, [outcome(task.id, attempt)]));
    expect((await finish(2)).settled).toHaveLength(0);
    expect((await finish(1)).settled).toHaveLength(1);
    expect((await finish(1)).settled).toHaveLength(0);
    const [row] = await database.query('SELECT status, output FROM tasks WHERE id = $1', [task.id]);
    expect(row).toEqual({ status: 'succeeded', output: { attempt: 1 } });
    const records = await database.query('SELECT attempt, status, duration_ms FROM task_attempts WHERE task_id = $1', [
      task.id,
    ]);
    expect(records).toEqual([{ attempt: 1, status: 'succeeded', duration_ms: 3 }]);
  });

  it('settles an attempt that never recorded its start, with the start time and executor its outcome reports', async () => {
    const { runId } = await newRun(database);
    const task = readyTaskRow(runId);
    await transactions.run((db) => tasks.insertTasks(db, [task]));
    await transactions.run((db) => tasks.claimReady(db, 100, []));
    const executorId = randomUUID();
    const startedAt = new Date(Date.now() - 1_000);
    const { settled } = await transactions.run((db) =>
      attempts.recordOutcomes(db, [outcome(task.id, 1, { executorId, startedAt })]),
    );
    expect(settled).toEqual([expect.objectContaining({ id: task.id, status: 'succeeded', startedAt })]);
    const [row] = await database.query('SELECT status, executor_id, started_at FROM tasks WHERE id = $1', [task.id]);
    expect(row).toEqual({ status: 'succeeded', executor_id: executorId, started_at: startedAt });
  });

  it('sends a retried attempt round again and records it, in the same statement', async () => {
    const { runId } = await newRun(database);
    const task = readyTaskRow(runId);
    await transactions.run((db) => tasks.insertTasks(db, [task]));
    await transactions.run((db) => tasks.claimReady(db, 100, []));
    const failed = outcome(task.id, 1, {
      status: 'failed',
      recordStatus: 'failed',
      output: undefined,
      error: { name: 'Boom', message: 'failed on purpose' },
      retry: { delayMs: 0, dispatchBonusMs: 0 },
    });
    expect(await transactions.run((db) => attempts.recordOutcomes(db, [failed]))).toEqual({
      settled: [],
      retried: [task.id],
    });
    const [row] = await database.query('SELECT status, attempt, error FROM tasks WHERE id = $1', [task.id]);
    expect(row).toEqual({ status: 'ready', attempt: 2, error: { name: 'Boom', message: 'failed on purpose' } });
    const records = await database.query('SELECT attempt, status FROM task_attempts WHERE task_id = $1', [task.id]);
    expect(records).toEqual([{ attempt: 1, status: 'failed' }]);
  });

  it('keeps idempotency keys unique per tenant and workflow', async () => {
    const { definitionId } = await newRun(database);
    const run = (id: string, tenant: string) => ({
      id,
      definitionId,
      workflowName: 'idem',
      workflowVersion: 1,
      priority: 1,
      input: {},
      tenant,
      idempotencyKey: 'key-1',
      tags: ['a'],
      parentTaskId: null,
      tasksRemaining: 0,
      deadlineAt: null,
    });
    const first = randomUUID();
    expect((await runs.createRuns([run(first, 't1')], [])).ids).toEqual(new Set([first]));
    expect((await runs.createRuns([run(randomUUID(), 't1')], [])).ids).toEqual(new Set());
    const other = randomUUID();
    expect((await runs.createRuns([run(other, 't2')], [])).ids).toEqual(new Set([other]));
    expect((await runs.findByIdempotencyKey(database.db, 't1', 'idem', 'key-1'))?.id).toBe(first);
  });

  it('leaves out a run resolved at a workflow catalog generation that is no longer current (ADR 0039)', async () => {
    const { definitionId } = await newRun(database);
    const generation = (await database.query<{ generation: string }>(`SELECT generation FROM workflow_catalog`))[0]!
      .generation;
    const run = (catalogGeneration: string | null) => ({
      id: randomUUID(),
      definitionId,
      workflowName: 'catalog',
      workflowVersion: 1,
      priority: 1,
      input: {},
      tenant: 'default',
      idempotencyKey: null,
      tags: [],
      parentTaskId: null,
      tasksRemaining: 1,
      deadlineAt: null,
      catalogGeneration,
    });
    const current = run(generation);
    const stale = run(String(BigInt(generation) - 1n));
    const unchecked = run(null);
    const task = (of: { id: string }) => readyTaskRow(of.id);
    const written = await runs.createRuns([current, stale, unchecked], [current, stale, unchecked].map(task));
    expect(written).toEqual({ ids: new Set([current.id, unchecked.id]), catalogGeneration: generation });
    // Nor are the stale run's tasks written.
    const tasks = await database.query<{ run_id: string }>(`SELECT run_id FROM tasks WHERE run_id = ANY($1::uuid[])`, [
      [current.id, stale.id, unchecked.id],
    ]);
    expect(tasks.map((row) => row.run_id).sort()).toEqual([current.id, unchecked.id].sort());
  });
});
