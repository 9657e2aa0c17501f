import { parseArgs } from 'node:util';

/** Everything a run of the harness can be told. The backlog phase is by far the longest: `--backlog-tasks 0` skips it. */
export interface BenchOptions {
  rawJobs: number;
  runs: number;
  fanoutRuns: number;
  keyedRuns: number;
  rate: number;
  duration: number;
  executors: number;
  routers: number;
  apis: number;
  partitions: number;
  concurrency: number;
  connections: number;
  drainTimeout: number;
  cpuProf: boolean;
  countSql: boolean;
  statementStats: boolean;
  /** Extra Node flags for every child, e.g. --perf-basic-prof for `perf record`. */
  nodeArgs: string[];
  // Issue 20's phases (extra-phases.ts).
  highRate: number;
  moderateRate: number;
  bulkRuns: number;
  bulkSize: number;
  bulkConnections: number;
  backlogTasks: number;
  // Issue 19's history phases (history-phase.ts).
  historyTasks: number;
  /** Seconds the system idles after the fill, before the hot-path phases beside the history. */
  historyPause: number;
  postgresUrl: string;
  redisUrl: string;
}

const USAGE = `npm run bench -- [flags]

  --raw-jobs N      jobs through BullMQ alone (default 50000)
  --runs N          single-task runs for end-to-end throughput (default 30000)
  --fanout-runs N   10-task fan-out/fan-in runs (default 1000)
  --keyed-runs N    single-task runs spread over 1,000 concurrency keys (default 3000)
  --rate R          offered runs/s in the fixed-rate phase (default 500)
  --duration S      length of the fixed-rate phase in seconds (default 10)
  --executors N     executor processes (default 1)
  --routers N       router processes (default 1)
  --apis N          api processes, requests spread round-robin (default 1)
  --partitions N    QUEUE_PARTITIONS (default 4)
  --concurrency N   EXECUTOR_CONCURRENCY, also the raw worker's concurrency (default 64)
  --connections N   HTTP keep-alive sockets to the api (default 64)
  --drain-timeout S give up waiting for a phase's runs after S seconds (default 60)
  --cpu-prof        children write V8 CPU profiles to bench/results/profiles
  --count-sql       count each app's SQL statements per run in the fixed-rate phases
  --statement-stats PostgreSQL's time per statement in the fixed-rate phases (pg_stat_statements; needs a
                    server that preloads it: bench/scripts/statement-stats-server.sh)
  --node-arg ARG    a Node flag for every child, repeatable (e.g. --node-arg=--perf-basic-prof)
  --high-rate R     offered runs/s in the second, higher fixed-rate phase (default 1000)
  --moderate-rate R offered runs/s in the moderate fixed-rate phase, where each process's CPU is judged (default 200)
  --bulk-runs N     runs started through runs:batch in the bulk phase (default 30000)
  --bulk-size N     runs per batch request (default 1000, the api's API_RUN_BATCH_MAX)
  --bulk-connections N  batch requests in flight (default 4)
  --backlog-tasks N ready tasks in the backlog phase; 0 skips it (default 1000000)
  --history-tasks N finished tasks written before the history phases; 0 skips them (default 5000000)
  --history-pause S seconds the system idles after the fill before the phases beside it, so a small
                    history can be idle as long as a large fill takes (default 0)
  --postgres URL    server URL without database (default $BENCH_POSTGRES_URL or postgres://postgres@127.0.0.1:5432)
  --redis URL       (default $BENCH_REDIS_URL or redis://127.0.0.1:6379)
`;

export function parseOptions(argv: string[]): BenchOptions {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    options: {
      'raw-jobs': { type: 'string', default: '50000' },
      runs: { type: 'string', default: '30000' },
      'fanout-runs': { type: 'string', default: '1000' },
      'keyed-runs': { type: 'string', default: '3000' },
      rate: { type: 'string', default: '500' },
      duration: { type: 'string', default: '10' },
      executors: { type: 'string', default: '1' },
      routers: { type: 'string', default: '1' },
      apis: { type: 'string', default: '1' },
      partitions: { type: 'string', default: '4' },
      concurrency: { type: 'string', default: '64' },
      connections: { type: 'string', default: '64' },
      'drain-timeout': { type: 'string', default: '60' },
      'cpu-prof': { type: 'boolean', default: false },
      'count-sql': { type: 'boolean', default: false },
      'statement-stats': { type: 'boolean', default: false },
      'node-arg': { type: 'string', multiple: true, default: [] },
      'high-rate': { type: 'string', default: '1000' },
      'moderate-rate': { type: 'string', default: '200' },
      'bulk-runs': { type: 'string', default: '30000' },
      'bulk-size': { type: 'string', default: '1000' },
      'bulk-connections': { type: 'string', default: '4' },
      'backlog-tasks': { type: 'string', default: '1000000' },
      'history-tasks': { type: 'string', default: '5000000' },
      'history-pause': { type: 'string', default: '0' },
      postgres: { type: 'string', default: process.env.BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432' },
      redis: { type: 'string', default: process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    process.stdout.write(USAGE);
    process.exit(0);
  }
  const count = (flag: keyof typeof values, min: number, integer = true): number => {
    const value = Number(values[flag]);
    if (!Number.isFinite(value) || value < min || (integer && !Number.isInteger(value))) {
      throw new Error(
        `--${flag} must be ${integer ? 'an integer' : 'a number'} ≥ ${min}, got ${String(values[flag])}\n\n${USAGE}`,
      );
    }
    return value;
  };
  return {
    rawJobs: count('raw-jobs', 1),
    runs: count('runs', 1),
    fanoutRuns: count('fanout-runs', 1),
    keyedRuns: count('keyed-runs', 1),
    rate: count('rate', 1, false),
    duration: count('duration', 1, false),
    executors: count('executors', 1),
    routers: count('routers', 1),
    apis: count('apis', 1),
    partitions: count('partitions', 1),
    concurrency: count('concurrency', 1),
    connections: count('connections', 1),
    drainTimeout: count('drain-timeout', 1),
    cpuProf: values['cpu-prof'],
    countSql: values['count-sql'],
    statementStats: values['statement-stats'],
    nodeArgs: values['node-arg'],
    highRate: count('high-rate', 1, false),
    moderateRate: count('moderate-rate', 1, false),
    bulkRuns: count('bulk-runs', 1),
    bulkSize: count('bulk-size', 1),
    bulkConnections: count('bulk-connections', 1),
    backlogTasks: count('backlog-tasks', 0),
    historyTasks: count('history-tasks', 0),
    historyPause: count('history-pause', 0, false),
    postgresUrl: values.postgres.replace(/\/+$/, ''),
    redisUrl: values.redis,
  };
}
