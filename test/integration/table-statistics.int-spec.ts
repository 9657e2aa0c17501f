import { TableStatisticsRepository, type DatabasePool, type QueueTable } from '@taskloom/persistence';
import { Client } from 'pg';
import { singleConnectionDatabase } from '../support/database';
import { createSuiteServices, type SuiteServices } from '../support/services';

describe('TableStatisticsRepository on a real PostgreSQL', () => {
  let services: SuiteServices;
  let database: DatabasePool;
  let statistics: TableStatisticsRepository;
  let definitionId: string;
  // The two halves of the upkeep round's one read (upkeepDue), asked separately.
  const stale = async (): Promise<QueueTable[]> => (await statistics.upkeepDue(null)).stale;
  const deadHeavy = async (minDead: number): Promise<QueueTable[]> => (await statistics.upkeepDue(minDead)).deadHeavy;

  // One connection, so the backend that wrote the rows is the one asked to flush its statistics.
  beforeAll(async () => {
    services = await createSuiteServices('table-statistics');
    database = await singleConnectionDatabase(services.databaseUrl);
    statistics = new TableStatisticsRepository(database);
    ({ id: definitionId } = await one<{ id: string }>(
      `INSERT INTO workflow_definitions (name, version, checksum, definition) VALUES ('stats', 1, 'c', '{}') RETURNING id`,
    ));
  });

  afterAll(async () => {
    await database?.close();
    await services?.dispose();
  });

  const one = async <T>(sql: string, parameters: unknown[] = []): Promise<T> =>
    (await database.query<T>(sql, parameters))[0]!;
  const flushStatistics = () => database.query(`SELECT pg_stat_force_next_flush()`);
  const addRuns = async (count: number) => {
    await database.query(
      `INSERT INTO runs (id, definition_id, workflow_name, workflow_version, status, priority, input, tasks_remaining)
       SELECT gen_random_uuid(), $1, 'stats', 1, 'pending', 1, '{}', 1 FROM generate_series(1, $2::int)`,
      [definitionId, count],
    );
    await flushStatistics();
  };
  const runsTable = () =>
    one<{ reltuples: number; changes: number }>(
      `SELECT c.reltuples::int AS reltuples, s.n_mod_since_analyze::int AS changes
         FROM pg_class c JOIN pg_stat_user_tables s ON s.relid = c.oid
        WHERE c.relname = 'runs' AND s.schemaname = current_schema()`,
    );
  const analyzedColumns = async (table: string): Promise<string[]> =>
    (
      (await database.query(
        `SELECT attname FROM pg_stats WHERE schemaname = current_schema() AND tablename = $1 ORDER BY attname`,
        [table],
      )) as {
        attname: string;
      }[]
    ).map((row) => row.attname);

  it('finds a queue table stale once its size has moved, and analyzes only its planned columns', async () => {
    expect(await stale()).toEqual([]);

    await addRuns(2000);
    expect(await stale()).toEqual(['runs']);

    await statistics.analyze('runs');
    const analyzed = await runsTable();
    expect(analyzed.reltuples).toBe(2000);
    expect(await analyzedColumns('runs')).toEqual(['parent_task_id', 'status', 'tenant', 'workflow_name']);
    expect(await stale()).toEqual([]);
    // A partial ANALYZE leaves autovacuum's change counter, so its full one still comes.
    expect(analyzed.changes).toBe(2000);
  });

  it('does not count rewrites that leave the size alone', async () => {
    await database.query(`UPDATE runs SET status = 'running'`);
    await flushStatistics();
    expect(await stale()).toEqual([]);
  });

  it('counts a size that has doubled or halved, not less', async () => {
    await addRuns(2000);
    expect(await stale()).toEqual([]);
    await addRuns(600);
    expect(await stale()).toEqual(['runs']);

    await statistics.analyze('runs');
    expect((await runsTable()).reltuples).toBe(4600);
    await database.query(`DELETE FROM runs WHERE id IN (SELECT id FROM runs LIMIT 2500)`);
    await flushStatistics();
    expect(await stale()).toEqual([]);
    await database.query(`DELETE FROM runs WHERE id IN (SELECT id FROM runs LIMIT 400)`);
    await flushStatistics();
    expect(await stale()).toEqual(['runs']);
  });

  it('refuses a table that is not a queue table', async () => {
    await expect(statistics.analyze('workflow_definitions' as QueueTable)).rejects.toThrow(RangeError);
    await expect(statistics.vacuum('workflow_definitions' as QueueTable, 0)).rejects.toThrow(RangeError);
  });

  const runsVacuum = () =>
    one<{ dead: number; vacuums: number }>(
      `SELECT n_dead_tup::int AS dead, vacuum_count::int AS vacuums
         FROM pg_stat_user_tables WHERE relname = 'runs' AND schemaname = current_schema()`,
    );

  it('finds a queue table heavy with dead tuples, vacuums it, then leaves it alone for a few seconds', async () => {
    await database.query(`DELETE FROM runs`);
    await flushStatistics();
    expect(await deadHeavy(1000)).toEqual(['runs']);
    // The floor counts: below it nothing is heavy.
    expect(await deadHeavy(100_000)).toEqual([]);

    await statistics.vacuum('runs', 0);
    expect(await runsVacuum()).toEqual({ dead: 0, vacuums: 1 });

    await addRuns(3000);
    await database.query(`DELETE FROM runs`);
    await flushStatistics();
    expect((await runsVacuum()).dead).toBeGreaterThan(1000);
    // Vacuumed a moment ago: dead tuples an old snapshot still holds must not start a VACUUM every round.
    expect(await deadHeavy(1000)).toEqual([]);
  });

  it('paces a VACUUM with the cost delay, then gives the connection back as it was', async () => {
    await addRuns(3000);
    await database.query(`UPDATE runs SET status = 'running'`);
    await flushStatistics();
    // VACUUM dirties every page it prunes, 20 cost units each (vacuum_cost_page_dirty): a hundred
    // pages at vacuum_cost_limit 200 make several sleeps of the delay, where unthrottled it takes
    // a few milliseconds.
    const pages = (await one<{ pages: number }>(`SELECT pg_relation_size('runs')::int / 8192 AS pages`)).pages;
    expect(pages).toBeGreaterThan(100);
    const delayMs = 100;
    const started = performance.now();
    await statistics.vacuum('runs', delayMs);
    expect(performance.now() - started).toBeGreaterThanOrEqual(3 * delayMs);
    expect((await runsVacuum()).dead).toBe(0);
    // The suite's pool has one connection: the one the VACUUM ran on.
    expect(await one<{ vacuum_cost_delay: string }>(`SHOW vacuum_cost_delay`)).toEqual({ vacuum_cost_delay: '0' });
  });

  it('cancels a VACUUM whose signal is aborted, and leaves the pool a clean connection', async () => {
    await addRuns(20_000);
    await database.query(`UPDATE runs SET status = 'running'`);
    await flushStatistics();
    const vacuumsBefore = (await runsVacuum()).vacuums;
    // The suite's one pooled connection runs the VACUUM: another one watches it.
    const watcher = new Client({ connectionString: services.databaseUrl });
    await watcher.connect();
    try {
      const stopping = new AbortController();
      // Paced at 100 ms a sleep, this VACUUM would take seconds.
      const vacuuming = statistics.vacuum('runs', 100, stopping.signal);
      await waitFor(
        async () =>
          (
            await watcher.query(
              `SELECT 1 FROM pg_stat_progress_vacuum p JOIN pg_class c ON c.oid = p.relid WHERE c.relname = 'runs'`,
            )
          ).rowCount === 1,
      );
      stopping.abort();
      await expect(vacuuming).resolves.toBeUndefined();
    } finally {
      await watcher.end();
    }
    // A cancelled VACUUM reports nothing; the pool's connection is a new one, with the server's default.
    expect((await runsVacuum()).vacuums).toBe(vacuumsBefore);
    expect(await one<{ vacuum_cost_delay: string }>(`SHOW vacuum_cost_delay`)).toEqual({ vacuum_cost_delay: '0' });
    // A signal aborted before the VACUUM starts leaves the table alone.
    const stopped = new AbortController();
    stopped.abort();
    await statistics.vacuum('runs', 0, stopped.signal);
    expect((await runsVacuum()).vacuums).toBe(vacuumsBefore);
  });

  it('gives every queue table the autovacuum thresholds of a queue', async () => {
    const tables = await database.query<{ relname: string; reloptions: string[] }>(
      `SELECT relname, reloptions FROM pg_class
        WHERE relname = ANY($1::text[]) AND relnamespace = current_schema()::regnamespace ORDER BY relname`,
      [['runs', 'task_attempts', 'tasks']],
    );
    expect(tables.map((table) => table.relname)).toEqual(['runs', 'task_attempts', 'tasks']);
    for (const table of tables) {
      expect(table.reloptions).toEqual(
        expect.arrayContaining([
          'autovacuum_vacuum_scale_factor=0.02',
          'autovacuum_vacuum_insert_scale_factor=0.02',
          'autovacuum_vacuum_cost_delay=0',
        ]),
      );
    }
  });
});

/** Polls `condition` every 10 ms until it holds; fails after 10 s. */
async function waitFor(condition: () => Promise<boolean>): Promise<void> {
  const until = Date.now() + 10_000;
  while (!(await condition())) {
    if (Date.now() > until) throw new Error('condition not met within 10 s');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
