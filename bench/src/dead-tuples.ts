import { Client } from 'pg';

/** The hot tables: every run and task row is updated several times in its life. */
const TABLES = ['runs', 'tasks'] as const;
const SAMPLE_MS = 1_000;

export interface TableDeadTuples {
  /** Most dead tuples seen at once during the phase. */
  max: number;
  /** At the end of the phase. */
  end: number;
  /** Autovacuum runs on the table that finished during the phase. */
  autovacuums: number;
  /** VACUUM statements on the table that finished during the phase: the router's own (queue-table-upkeep.service.ts). */
  vacuums: number;
}

export type DeadTuples = Record<(typeof TABLES)[number], TableDeadTuples>;

interface Reading {
  dead: number;
  autovacuums: number;
  vacuums: number;
}

/**
 * Dead tuples on `runs` and `tasks` while a sustained phase runs, from
 * `pg_stat_user_tables` once a second on a connection of its own (the
 * statistics are flushed by PostgreSQL about once a second, so finer
 * sampling would see nothing new). Whether vacuum keeps up shows as a
 * bounded maximum and autovacuum runs inside the phase.
 */
export async function watchDeadTuples<T>(databaseUrl: string, phase: () => Promise<T>): Promise<[T, DeadTuples]> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const first = await read(client);
    const max = Object.fromEntries(TABLES.map((table) => [table, first[table].dead])) as Record<string, number>;
    let sampling = Promise.resolve();
    const timer = setInterval(() => {
      sampling = sampling.then(async () => {
        const now = await read(client).catch(() => undefined);
        for (const table of TABLES) if (now) max[table] = Math.max(max[table], now[table].dead);
      });
    }, SAMPLE_MS);
    let result: T;
    try {
      result = await phase();
    } finally {
      clearInterval(timer);
      await sampling;
    }
    const last = await read(client);
    const summary = Object.fromEntries(
      TABLES.map((table) => [
        table,
        {
          max: Math.max(max[table], last[table].dead),
          end: last[table].dead,
          autovacuums: last[table].autovacuums - first[table].autovacuums,
          vacuums: last[table].vacuums - first[table].vacuums,
        },
      ]),
    ) as DeadTuples;
    return [result, summary];
  } finally {
    await client.end();
  }
}

async function read(client: Client): Promise<Record<(typeof TABLES)[number], Reading>> {
  const { rows } = await client.query<{
    relname: (typeof TABLES)[number];
    dead: string;
    autovacuums: string;
    vacuums: string;
  }>(
    `SELECT relname, n_dead_tup AS dead, autovacuum_count AS autovacuums, vacuum_count AS vacuums
       FROM pg_stat_user_tables WHERE relname = ANY($1::text[])`,
    [TABLES],
  );
  const readings = Object.fromEntries(
    TABLES.map((table) => [table, { dead: 0, autovacuums: 0, vacuums: 0 }]),
  ) as Record<(typeof TABLES)[number], Reading>;
  for (const row of rows)
    readings[row.relname] = {
      dead: Number(row.dead),
      autovacuums: Number(row.autovacuums),
      vacuums: Number(row.vacuums),
    };
  return readings;
}
