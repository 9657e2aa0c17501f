import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import { Cluster } from './cluster';
import { cpuTicks } from './cpu-ledger';
import { EXTRA_WORKFLOWS, ExtraPhases } from './extra-phases';
import { formatExtra, judgeExtra } from './extra-report';
import { HISTORY_WORKFLOWS, historyPhases, type HistoryResult } from './history-phase';
import { formatHistory, judgeHistory } from './history-report';
import { describeMachine } from './machine';
import { parseOptions } from './options';
import { fixedRate, registerWorkflow, throughput, type PhaseContext } from './phases';
import { ROOT, type Child } from './processes';
import { Progress } from './progress';
import { runRawBullmq, type RawOptions } from './raw-bullmq';
import { rawFloor, type RawFloorResult } from './raw-floor';
import { formatTable, judge, writeJson } from './report';
import { createServices, type BenchServices } from './services';
import { readSqlCounts } from './sql-ledger';
import { StatementStats } from './statement-stats';
import { FANOUT_TASKS, fanOutFanIn, keyedTask, singleTask } from './workflows';

const RESULTS = join(ROOT, 'bench', 'results');
/**
 * Untimed runs of both shapes first, so JIT warm-up, connection pools and
 * the first planner statistics do not count against the phases: measured
 * here, the api spends about a tenth less CPU per run once a few thousand
 * runs have gone through it.
 */
const WARMUP_FANOUT_RUNS = 200;
const WARMUP_SINGLE_RUNS = 2_000;

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  const startedAt = new Date().toISOString();
  const stamp = startedAt.replace(/[:.]/g, '-');
  const logDir = join(RESULTS, `logs-${stamp}`);
  const profileDir = join(RESULTS, 'profiles');
  mkdirSync(logDir, { recursive: true });
  if (options.cpuProf) mkdirSync(profileDir, { recursive: true });
  const sqlCountDir = join(RESULTS, `sql-${stamp}`);
  // The children inherit the bench's environment: sql-counter.ts finds its directory there.
  if (options.countSql) process.env.BENCH_SQL_COUNT_DIR = sqlCountDir;
  const nodeArgs = (name: string) => [
    ...(options.cpuProf
      ? ['--cpu-prof', '--cpu-prof-dir', profileDir, '--cpu-prof-name', `${stamp}-${name}.cpuprofile`]
      : []),
    ...(options.countSql ? ['--require', join(__dirname, 'sql-counter.js')] : []),
    ...options.nodeArgs,
  ];

  const progress = new Progress();
  const children = new Set<Child>();
  let services: BenchServices | undefined;
  let db: Client | undefined;
  let cluster: Cluster | undefined;

  // Runs once, from the normal end, an error or a signal alike.
  let cleaning: Promise<void> | undefined;
  const cleanup = () =>
    (cleaning ??= (async () => {
      progress.start('cleaning up');
      await db?.end().catch(() => undefined);
      if (cluster) await cluster.stop();
      await Promise.all([...children].map((child) => child.stop(5_000)));
      await services?.dispose();
      progress.done();
    })());
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      progress.done();
      process.stderr.write(`[bench] ${signal}: stopping children, dropping the database and Redis keys\n`);
      cleanup().then(
        () => process.exit(130),
        (error: unknown) => {
          process.stderr.write(`[bench] cleanup failed: ${String(error)}\n`);
          process.exit(1);
        },
      );
    });
  }

  try {
    progress.start('creating database and Redis prefix');
    services = await createServices(options.postgresUrl, options.redisUrl);
    db = new Client({ connectionString: services.databaseUrl });
    await db.connect();
    // Refused before anything runs when the server cannot give them.
    const statements = options.statementStats ? await StatementStats.open(db) : undefined;

    const rawOptions: RawOptions = {
      name: 'raw-worker',
      jobs: options.rawJobs,
      concurrency: options.concurrency,
      redisUrl: services.redisUrl,
      redisPrefix: services.redisPrefix,
      logDir,
      nodeArgs,
      timeoutMs: options.drainTimeout * 1000,
      children,
    };
    const rawBullmq = (name: string) => runRawBullmq({ ...rawOptions, name }, progress);
    progress.start(`raw BullMQ: ${options.rawJobs} jobs`);
    const raw = await rawBullmq('raw-worker');
    // The floor under the fixed-rate phases' CPU rows, at their rates, before Taskloom shares the cores.
    const rawFloors: RawFloorResult[] = [];
    for (const rate of [options.rate, options.moderateRate]) {
      rawFloors.push(await rawFloor(rawOptions, rate, options.duration, progress));
    }

    progress.start(
      `starting ${options.apis} api(s), ${options.routers} router(s) and ${options.executors} executor(s)`,
    );
    cluster = await Cluster.start({ ...options, services, logDir, nodeArgs, children });
    const machine = await describeMachine(db, services.redisUrl);
    const running = cluster;
    const database = services.database;
    const ctx: PhaseContext = {
      api: cluster.api,
      db,
      connections: options.connections,
      drainTimeoutMs: options.drainTimeout * 1000,
      progress,
      assertAlive: () => running.assertAlive(),
      cpu: () => cpuTicks(running.pids(), database),
      sqlCounts: options.countSql ? () => readSqlCounts(sqlCountDir, running.pids()) : undefined,
      statements,
    };
    // Issue 20's phases (extra-phases.ts), each called at its place in the order below.
    const extra = new ExtraPhases(ctx, options, services.databaseUrl, () => running.pids());
    for (const definition of [
      fanOutFanIn('bench-warmup'),
      singleTask('bench-warmup-single'),
      singleTask('bench-noop'),
      fanOutFanIn('bench-fanout'),
      keyedTask('bench-keyed'),
      singleTask('bench-rate'),
      ...EXTRA_WORKFLOWS,
      ...HISTORY_WORKFLOWS,
    ]) {
      await registerWorkflow(cluster.api, definition);
    }

    progress.start(`warm-up: ${WARMUP_FANOUT_RUNS} fan-out and ${WARMUP_SINGLE_RUNS} single-task runs`);
    for (const [workflow, runs, tasksPerRun] of [
      ['bench-warmup', WARMUP_FANOUT_RUNS, FANOUT_TASKS],
      ['bench-warmup-single', WARMUP_SINGLE_RUNS, 1],
    ] as const) {
      const warmup = await throughput(ctx, workflow, runs, tasksPerRun);
      if (warmup.timedOut || warmup.created < runs) {
        // Nothing worth measuring: say why instead of timing out every phase.
        const problems = Object.entries(cluster.logProblems()).filter(([, found]) => found.count > 0);
        throw new Error(
          `warm-up: ${warmup.created} of ${runs} ${workflow} runs accepted, ${warmup.ended} ended; ` +
            (warmup.created < runs ? `refusals: ${JSON.stringify(warmup.samples)}; ` : '') +
            `Taskloom is not completing runs. Logs: ${logDir}\n` +
            problems
              .map(
                ([name, found]) =>
                  `  ${name}: ${found.count} warning/error lines, first:\n    ${found.first.join('\n    ')}`,
              )
              .join('\n'),
        );
      }
    }
    await extra.fixedRateFresh();
    progress.start(`e2e single-task: ${options.runs} runs`);
    const single = await throughput(ctx, 'bench-noop', options.runs, 1);
    await extra.bulk();
    progress.start(`e2e fan-out/fan-in: ${options.fanoutRuns} runs`);
    const fanout = await throughput(ctx, 'bench-fanout', options.fanoutRuns, FANOUT_TASKS);
    progress.start(`e2e keyed: ${options.keyedRuns} runs over 1,000 concurrency keys`);
    const keyed = await throughput(ctx, 'bench-keyed', options.keyedRuns, 1);
    progress.start(`fixed rate: ${options.rate} runs/s for ${options.duration} s`);
    const rate = await extra.afterBurst(() => fixedRate(ctx, 'bench-rate', options.rate, options.duration));
    await extra.highRateAndBacklog();
    // Last: the history makes the database large for whatever follows it.
    let history: HistoryResult | null = null;
    if (options.historyTasks > 0)
      history = await historyPhases(ctx, cluster, services.databaseUrl, options, () => rawBullmq('raw-worker-history'));
    progress.done();

    const { postgresUrl: _postgres, redisUrl: _redis, ...parameters } = options;
    const partial = {
      startedAt,
      finishedAt: new Date().toISOString(),
      machine,
      parameters,
      raw,
      rawFloors,
      single,
      fanout,
      keyed,
      fixedRate: rate,
      ratioToRaw: single.tasksPerSecond / raw.jobsPerSecond,
      peakRssMb: { ...cluster.peakRssMb(), 'raw-worker': raw.workerPeakRssMb },
      cpuSeconds: { ...cluster.cpuSeconds(), 'raw-worker': raw.workerCpuSeconds },
      logProblems: cluster.logProblems(),
      logDir,
    };
    const extraResult = extra.result();
    const result = {
      ...partial,
      extra: extraResult,
      history,
      targets: [
        ...judge(partial),
        ...judgeExtra(partial, extraResult),
        ...(history ? judgeHistory(partial, history) : []),
      ],
    };
    const file = join(RESULTS, `${startedAt}.json`);
    writeJson(file, result);
    process.stdout.write(
      formatTable(result) +
        formatExtra(partial, extraResult) +
        (history ? formatHistory(partial, history) : '') +
        `\nresults: ${file}\nlogs: ${logDir}\n`,
    );
  } finally {
    await cleanup();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`\n[bench] failed: ${(error as Error)?.stack ?? String(error)}\n`);
    process.exit(1);
  },
);
