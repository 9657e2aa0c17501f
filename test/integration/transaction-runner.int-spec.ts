import { TransactionRunner, WorkflowDefinitionRepository, type DatabasePool, type Db } from '@taskloom/persistence';
import { rowsOn, singleConnectionDatabase } from '../support/database';
import { createSuiteServices, type SuiteServices } from '../support/services';

describe('TransactionRunner on a real PostgreSQL', () => {
  let services: SuiteServices;
  let database: DatabasePool;
  let transactions: TransactionRunner;
  let definitions: WorkflowDefinitionRepository;

  // One connection: every unit and every check below shares it, so a setting or a transaction left open would show.
  beforeAll(async () => {
    services = await createSuiteServices('transaction-runner');
    database = await singleConnectionDatabase(services.databaseUrl);
    transactions = new TransactionRunner(database);
    definitions = new WorkflowDefinitionRepository(database);
  });

  afterAll(async () => {
    await database?.close();
    await services?.dispose();
  });

  const setting = async (name: string, db: Db = database.db): Promise<string> =>
    (await rowsOn<{ value: string }>(db, `SELECT current_setting($1) AS value`, [name]))[0]!.value;
  const versionsOf = async (name: string): Promise<number> =>
    (
      await database.query<{ n: number }>(`SELECT count(*)::int AS n FROM workflow_definitions WHERE name = $1`, [name])
    )[0]!.n;

  it('opens each unit with its planner settings, which end with it', async () => {
    const inside = await transactions.run(
      async (db) => ({
        seqscan: await setting('enable_seqscan', db),
        hashjoin: await setting('enable_hashjoin', db),
        jit: await setting('jit', db),
        plans: await setting('plan_cache_mode', db),
        sort: await setting('enable_sort', db),
        commit: await setting('synchronous_commit', db),
        inTransaction: (await rowsOn<{ fresh: boolean }>(db, `SELECT now() = statement_timestamp() AS fresh`))[0]!
          .fresh,
      }),
      { waitForFlush: false, planner: { enable_sort: 'off' } },
    );
    // Inside a transaction now() is its start, earlier than this statement's.
    expect(inside).toEqual({
      seqscan: 'off',
      hashjoin: 'off',
      jit: 'off',
      plans: 'force_generic_plan',
      sort: 'off',
      commit: 'off',
      inTransaction: false,
    });
    expect([
      await setting('enable_seqscan'),
      await setting('jit'),
      await setting('plan_cache_mode'),
      await setting('enable_sort'),
      await setting('synchronous_commit'),
    ]).toEqual(['on', 'on', 'auto', 'on', 'on']);
  });

  it('plans the prepared statements of a unit once, where outside a unit a batch statement is planned at every execution', async () => {
    const refs = [{ tenant: 'a', name: 'tx-planned' }];
    const plansOf = async () =>
      (
        await database.query<{ generic: number; custom: number }>(
          `SELECT generic_plans::int AS generic, custom_plans::int AS custom FROM pg_prepared_statements
            WHERE statement LIKE '%WITH ORDINALITY AS q(name%'`,
        )
      )[0]!;
    for (let i = 0; i < 8; i += 1) await transactions.run((db) => definitions.resolveIds(refs, db));
    expect(await plansOf()).toEqual({ generic: 8, custom: 0 });
    // Outside a unit the plan cache's own choice: a custom plan sees the arrays' length and always looks cheaper.
    for (let i = 0; i < 8; i += 1) await definitions.resolveIds(refs);
    expect(await plansOf()).toEqual({ generic: 8, custom: 8 });
  });

  it('commits the work', async () => {
    await transactions.run((db) =>
      definitions.registerVersion(db, 'tx-committed', 'a', { name: 'tx-committed', tasks: [] }),
    );
    expect(await versionsOf('tx-committed')).toBe(1);
  });

  it('rolls all of it back when the work throws, and the connection serves the next unit', async () => {
    await expect(
      transactions.run(async (db) => {
        // Every statement of the unit runs on its connection: none commits before the throw.
        await definitions.registerVersion(db, 'tx-rolled-back', 'a', { name: 'tx-rolled-back', tasks: [] });
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(await versionsOf('tx-rolled-back')).toBe(0);
    expect(await transactions.run(async (db) => setting('enable_seqscan', db))).toBe('off');
  });

  it('retries the whole unit on a serialization failure or deadlock, and nothing else', async () => {
    let tries = 0;
    const retried = await transactions.run(async () => {
      tries += 1;
      if (tries < 3)
        throw Object.assign(new Error('could not serialize access'), { code: tries === 1 ? '40001' : '40P01' });
      return 'done';
    });
    expect([retried, tries]).toEqual(['done', 3]);

    let failures = 0;
    await expect(
      transactions.run(async () => {
        failures += 1;
        throw Object.assign(new Error('unique violation'), { code: '23505' });
      }),
    ).rejects.toThrow('unique violation');
    expect(failures).toBe(1);
  });

  it('answers an opening read inside the unit, after its settings, and hands the answer to the work', async () => {
    const read = {
      sql: `SELECT current_setting('enable_sort') AS sort`,
      parse: (rows: Record<string, unknown>[]) => rows[0] as { sort: string },
    };
    const seen = await transactions.runOpenedWith(
      read,
      async (db, answer) => ({ answer, sort: await setting('enable_sort', db) }),
      { planner: { enable_sort: 'off' } },
    );
    // SET LOCAL lasts only in its transaction: the read ran in the unit's, after the settings.
    expect(seen).toEqual({ answer: { sort: 'off' }, sort: 'off' });
    expect(await setting('enable_sort')).toBe('on');
  });

  it('rolls back an opening whose read fails, and the connection serves the next unit', async () => {
    const failing = { sql: 'SELECT 1 / 0 AS never', parse: () => 'never' };
    await expect(transactions.runOpenedWith(failing, async () => 'ran')).rejects.toThrow(/division by zero/);
    expect(await transactions.run(async (db) => setting('enable_seqscan', db))).toBe('off');
    expect(await setting('enable_seqscan')).toBe('on');
  });

  it('refuses a planner setting that is not a plain name and value', async () => {
    await expect(
      transactions.run(async () => 'never', { planner: { 'enable_sort = off; DROP TABLE runs; --': 'off' } }),
    ).rejects.toThrow(/not a planner setting/);
  });

  describe('a unit of one statement in one round trip', () => {
    const read = {
      sql: `SELECT current_setting('enable_sort') AS sort`,
      parse: (rows: Record<string, unknown>[]) => rows[0],
    };
    const tripsPrepared = async () =>
      database.query<{ generic: number; custom: number }>(
        `SELECT generic_plans::int AS generic, custom_plans::int AS custom FROM pg_prepared_statements
          WHERE name LIKE 'tl\\_trip\\_%' AND statement LIKE '%one_trip_probe%'`,
      );

    beforeAll(async () => {
      await database.query(`CREATE TABLE one_trip_probe (n int NOT NULL, tags text[] NOT NULL)`);
    });

    it('runs the read after its settings and the statement with its values, commits, and prepares it once', async () => {
      const insert = (n: number, tags: string[]) =>
        transactions.runInOneTrip(
          read,
          {
            text: `INSERT INTO one_trip_probe (n, tags) VALUES ($1, $2)
                   RETURNING n, tags, current_setting('plan_cache_mode') AS plans`,
            types: ['int', 'text[]'],
            params: [n, tags],
          },
          { planner: { enable_sort: 'off' } },
        );
      const tags = ["it's", 'back\\slash', '{braces, comma}', ''];
      expect(await insert(1, tags)).toEqual({
        answer: { sort: 'off' },
        rows: [{ n: 1, tags, plans: 'force_generic_plan' }],
      });
      for (let n = 2; n <= 4; n += 1) await insert(n, []);
      expect(await tripsPrepared()).toEqual([{ generic: 4, custom: 0 }]);
      expect(await database.query(`SELECT n FROM one_trip_probe ORDER BY n`)).toEqual([1, 2, 3, 4].map((n) => ({ n })));
      // Outside the unit, on the same single connection: its settings ended with it.
      expect(await setting('enable_sort')).toBe('on');
    });

    it('rolls back a unit whose statement fails, and the next unit prepares it again on a new connection', async () => {
      const divide = (by: number) =>
        transactions.runInOneTrip(read, {
          text: `INSERT INTO one_trip_probe (n, tags) SELECT 100 / $1, $2 RETURNING n`,
          types: ['int', 'text[]'],
          params: [by, ['divided']],
        });
      const backend = async () => (await database.query<{ pid: number }>(`SELECT pg_backend_pid() AS pid`))[0]!.pid;
      // Failing as it is first prepared, and failing once prepared: either way the connection is replaced.
      const first = await backend();
      await expect(divide(0)).rejects.toThrow(/division by zero/);
      expect((await divide(4)).rows).toEqual([{ n: 25 }]);
      const second = await backend();
      await expect(divide(0)).rejects.toThrow(/division by zero/);
      expect((await divide(5)).rows).toEqual([{ n: 20 }]);
      expect(new Set([first, second, await backend()]).size).toBe(3);
      expect(await database.query(`SELECT n FROM one_trip_probe WHERE tags = '{divided}' ORDER BY n`)).toEqual([
        { n: 20 },
        { n: 25 },
      ]);
      expect(await transactions.run(async (db) => setting('enable_seqscan', db))).toBe('off');
    });

    it('refuses a value that is not of its declared type instead of sending it', async () => {
      const statement = { text: `SELECT $1 AS n`, types: ['int'] as const, params: ['1; DROP TABLE runs'] };
      await expect(transactions.runInOneTrip(read, statement)).rejects.toThrow(/not a int for a one-trip statement/);
      const tags = { text: `SELECT $1 AS t`, types: ['text[]'] as const, params: [[1]] };
      await expect(transactions.runInOneTrip(read, tags)).rejects.toThrow(/not a text\[\] for a one-trip statement/);
    });
  });
});
