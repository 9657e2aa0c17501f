import { TableStatisticsRepository, type DatabasePool, type QueueTable } from '@taskloom/persistence';
import { singleConnectionDatabase } from '../support/database';
import { createSuiteServices, type SuiteServices } from '../support/services';

describe('TableStatisticsRepository on a real PostgreSQL', () => {
  let services: SuiteServices;
  let database: DatabasePool;
  let statistics: TableStatisticsRepository;
  let definitionId: string;

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
    expect(await statistics.stale()).toEqual([]);

    await addRuns(2000);
    expect(await statistics.stale()).toEqual(['runs']);

    await statistics.analyze('runs');
    const analyzed = await runsTable();
    expect(analyzed.reltuples).toBe(2000);
    expect(await analyzedColumns('runs')).toEqual(['parent_task_id', 'status', 'tenant', 'workflow_name']);
    expect(await statistics.stale()).toEqual([]);
    // A partial ANALYZE leaves autovacuum's change counter, so its full one still comes.
    expect(analyzed.changes).toBe(2000);
  });

  it('does not count rewrites that leave the size alone', async () => {
    await database.query(`UPDATE runs SET status = 'running'`);
    await flushStatistics();
    expect(await statistics.stale()).toEqual([]);
  });

  it('counts a size that has doubled or halved, not less', async () => {
    await addRuns(2000);
    expect(await statistics.stale()).toEqual([]);
    await addRuns(600);
    expect(await statistics.stale()).toEqual(['runs']);

    await statistics.analyze('runs');
    expect((await runsTable()).reltuples).toBe(4600);
    await database.query(`DELETE FROM runs WHERE id IN (SELECT id FROM runs LIMIT 2500)`);
    await flushStatistics();
    expect(await statistics.stale()).toEqual([]);
    await database.query(`DELETE FROM runs WHERE id IN (SELECT id FROM runs LIMIT 400)`);
    await flushStatistics();
    expect(await statistics.stale()).toEqual(['runs']);
  });

  it('refuses a table that is not a queue table', async () => {
    await expect(statistics.analyze('workflow_definitions' as QueueTable)).rejects.toThrow(RangeError);
  });
});
