import { fork } from 'node:child_process';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { prepareDatabase } from '@taskloom/persistence';
import { Client } from 'pg';
import { fillHistory, uuidV7 } from './history';
import { blocksRead } from './phases';
import { createServices, type BenchServices } from './services';
import { summarize } from './stats';
import { sleep } from './timing';

/**
 * ADR 0031: what a VACUUM's index pass over a long history does to the
 * statements running beside it, unthrottled and paced by
 * vacuum_cost_delay. Fills a private database with a history, then, in
 * rounds that alternate the delays: rewrites fresh runs as the hot path
 * does (on the newest pages, over 2 % of the table, so VACUUM cannot skip
 * the indexes), and VACUUMs `runs` while a probe sends 500 single-row
 * updates a second and a busy loop keeps one core taken, as the apps do on
 * a loaded 2-core machine. Reports each VACUUM's length and blocks read and
 * the probe's latency while it ran.
 */
const USAGE = `npm run bench:vacuum-pacing -- [--history-tasks N] [--rounds N] [--delays 0,2] [--postgres URL]`;
const PROBE_INTERVAL_MS = 2;
const CHURN_RUNS = 25_000;
const DAY_MS = 86_400_000;

async function main(): Promise<void> {
  const { values } = parseArgs({
    args: process.argv.slice(2),
    strict: true,
    options: {
      'history-tasks': { type: 'string', default: '5000000' },
      rounds: { type: 'string', default: '3' },
      delays: { type: 'string', default: '0,2' },
      postgres: { type: 'string', default: process.env.BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const historyTasks = Number(values['history-tasks']);
  const rounds = Number(values.rounds);
  const delays = values.delays.split(',').map(Number);
  if (![historyTasks, rounds, ...delays].every((value) => Number.isInteger(value) && value >= 0))
    throw new Error(`counts and delays are whole numbers\n${USAGE}`);

  let services: BenchServices | undefined;
  const burner = fork(join(__dirname, 'vacuum-pacing-burner.js'));
  const clients: Client[] = [];
  const connect = async () => {
    const client = new Client({ connectionString: services!.databaseUrl });
    await client.connect();
    clients.push(client);
    return client;
  };
  try {
    services = await createServices(values.postgres, 'redis://127.0.0.1:6379');
    await prepareDatabase(services.databaseUrl, 'taskloom-bench');
    const db = await connect();
    const probe = await connect();
    const {
      rows: [definition],
    } = await db.query<{ id: string }>(
      `INSERT INTO workflow_definitions (name, version, checksum, definition)
       VALUES ('bench-history', 1, 'vacuum-pacing', '{}') RETURNING id`,
    );
    process.stderr.write(`[vacuum-pacing] filling ${historyTasks} finished tasks\n`);
    const now = Date.now();
    const fill = await fillHistory(
      services.databaseUrl,
      'bench-history',
      historyTasks,
      new Date(now - 20 * DAY_MS),
      new Date(now - DAY_MS / 24),
      () => undefined,
    );
    await db.query('VACUUM (ANALYZE) runs, tasks, task_attempts');
    process.stdout.write(`history: ${fill.runs} runs, ${fill.tasks} tasks in ${fill.seconds.toFixed(0)} s\n`);

    for (let round = 1; round <= rounds; round++) {
      for (const delay of delays) {
        const ids = await churn(db, definition!.id);
        const blocksBefore = await blocksRead(db);
        let stop = false;
        const latencies: number[] = [];
        const probing = (async () => {
          let next = performance.now();
          while (!stop) {
            next += PROBE_INTERVAL_MS;
            await sleep(Math.max(0, next - performance.now()));
            const started = performance.now();
            await probe.query(`UPDATE runs SET tasks_remaining = tasks_remaining WHERE id = $1`, [
              ids[latencies.length % ids.length],
            ]);
            latencies.push(performance.now() - started);
          }
        })();
        await sleep(1_000);
        const beforeVacuum = latencies.length;
        const vacuum = await connect();
        await vacuum.query(`SELECT set_config('vacuum_cost_delay', $1, false)`, [String(delay)]);
        const started = performance.now();
        await vacuum.query('VACUUM (SKIP_LOCKED) runs');
        const seconds = (performance.now() - started) / 1000;
        const during = summarize(latencies.slice(beforeVacuum));
        stop = true;
        await probing;
        const blocks = (await blocksRead(db)) - blocksBefore;
        process.stdout.write(
          `round ${round}, vacuum_cost_delay ${delay} ms: VACUUM ${seconds.toFixed(2)} s, ${blocks} blocks read; ` +
            `probe while it ran: ${(during.count / seconds).toFixed(0)} statements/s of ${1000 / PROBE_INTERVAL_MS}, ` +
            `p50 ${during.p50.toFixed(2)} p95 ${during.p95.toFixed(2)} p99 ${during.p99.toFixed(2)} ms\n`,
        );
      }
    }
  } finally {
    burner.kill();
    await Promise.all(clients.map((client) => client.end().catch(() => undefined)));
    await services?.dispose();
  }
}

/** CHURN_RUNS new runs, each rewritten twice as a run's status moves, on the newest pages of `runs`; returns their ids. */
async function churn(db: Client, definitionId: string): Promise<string[]> {
  const { rows } = await db.query<{ id: string }>(
    `INSERT INTO runs (id, definition_id, workflow_name, workflow_version, status, priority, input, tasks_remaining)
     SELECT ${uuidV7('clock_timestamp()')}, $1, 'bench-history', 1, 'pending', 1, '{}', 1
       FROM generate_series(1, $2::int) RETURNING id`,
    [definitionId, CHURN_RUNS],
  );
  const ids = rows.map((row) => row.id);
  await db.query(`UPDATE runs SET status = 'running' WHERE id = ANY($1::uuid[])`, [ids]);
  await db.query(`UPDATE runs SET status = 'succeeded', finished_at = now() WHERE id = ANY($1::uuid[])`, [ids]);
  await db.query('SELECT pg_stat_force_next_flush()');
  return ids;
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
