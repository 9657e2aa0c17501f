import { EnvSchema, type Env } from './env.schema';
import { ConfigError } from './config.error';
import { parseQueuePools, parsePoolNames, type QueuePoolSpec } from './queue-pools';
import { parseRedisNodes, type RedisNode } from './redis-nodes';

export interface TaskloomConfig {
  database: { url: string; poolSize: number };
  redis: {
    url: string;
    prefix: string;
    /** Seed nodes of a Redis Cluster (REDIS_CLUSTER_NODES); absent: REDIS_URL names one standalone Redis. */
    clusterNodes?: RedisNode[];
  };
  http: {
    host: string;
    port: number;
    /** The largest request body (API_BODY_LIMIT); a longer one is answered 413. */
    bodyLimitBytes: number;
    /**
     * A body declared longer than bodyLimitBytes but at most this long
     * (API_OVERSIZED_BODY_DRAIN) is read and discarded before the 413, so the
     * client, still sending, reads the answer instead of a reset connection.
     */
    oversizedBodyDrainBytes: number;
    /** Nesting depth of a JSON body, query or parameter (API_MAX_JSON_DEPTH), checked before any schema recurses. */
    maxJsonDepth: number;
  };
  api: {
    backlogLimit: number;
    rateLimitPerMinute: number;
    /** Runs one batch start may carry (API_RUN_BATCH_MAX); more is answered 413. */
    runBatchMax: number;
  };
  auth: {
    enabled: boolean;
    bootstrapAdminKey?: string;
    keyCacheMs: number;
    /** Failed authentications per client address per minute before it is answered 429 unchecked (AUTH_FAILURE_LIMIT); 0: no limit. */
    failureLimitPerMinute: number;
  };
  queue: {
    partitions: number;
    priorityAgingMs: number;
    /** Executor pools other than `default` and the task types each carries (QUEUE_POOLS, ADR 0024). */
    pools: QueuePoolSpec[];
  };
  router: {
    batchSize: number;
    lingerMs: number;
    pollMs: number;
    highWater: number;
    lowWater: number;
    /** Dead tuples on a queue table (plus 2 % of its rows) past which a router VACUUMs it; 0 leaves it to autovacuum. */
    vacuumDeadTuples: number;
    /** vacuum_cost_delay of the routers' VACUUM, ms (0: unthrottled). */
    vacuumCostDelayMs: number;
    reconcileIntervalMs: number;
    /**
     * Shortest time between two rounds of the wait loop (sleeps, signal
     * timeouts, queue timeouts): how late a wait may end while rounds are busy.
     */
    waitPollMs: number;
    /**
     * A round of the wait, schedule and delayed-run loops at least this often
     * when nothing wakes them: how late a lost notification can make an item.
     */
    safetyPollMs: number;
    queuedGraceMs: number;
    executorLostAfterMs: number;
  };
  /** Schedules and delayed runs (DESIGN §8, ADR 0020). */
  schedules: {
    /** Shortest time between two rounds of the schedule and delayed-run loops (ADR 0028). */
    pollMs: number;
    /** Schedules (and delayed runs) claimed per round. */
    batch: number;
    /** A fire time later than this when a router handles it counts as missed (catchUp decides). */
    misfireGraceMs: number;
    /** Most missed fire times one catch-up (`catchUp: all`) starts runs for: the latest ones. */
    catchUpMax: number;
    /** Most fire times one backfill request may cover. */
    backfillMax: number;
  };
  executor: {
    cpu: number;
    memoryMb: number;
    concurrency: number;
    taskTypes?: string[];
    partitions?: number[];
    /** The pools whose queues this executor polls (EXECUTOR_POOLS); absent: the pools of the types it hosts. */
    pools?: string[];
    heartbeatMs: number;
    completionBatch: number;
    completionLingerMs: number;
    /**
     * An attempt is recorded 'running' once it has run this long; a shorter
     * one goes from 'queued' straight to its outcome, one write instead of
     * two. 0 records every start before the handler runs.
     */
    runningAfterMs: number;
    plugins: string[];
    shutdownGraceMs: number;
  };
  engine: {
    forEachMaxItems: number;
    /**
     * How many times one task may be interrupted (its executor lost, killed,
     * or shut down past the grace period) and run again without using up its
     * retry budget; one more interruption fails the task.
     */
    maxInterruptions: number;
    /** How long executors remember that a run was cancelled, so a job of it delivered later never starts. */
    cancelMarkerTtlMs: number;
    /** All of one forEach's rendered item inputs together. */
    forEachInputMaxBytes: number;
    /**
     * User expressions (templates, `when`, forEach) that are more than a plain
     * path run in a pool of worker threads, each evaluation bounded in time and
     * memory and its worker killed past either (ADR 0015).
     */
    expressions: { timeoutMs: number; maxMemoryMb: number; workers: number };
  };
  /** Sizes of what is stored (serialised JSON), checked before it is written; see README "Limits". */
  limits: {
    runInputBytes: number;
    taskInputBytes: number;
    taskOutputBytes: number;
    /** Log lines kept per attempt; past it lines are dropped and a marker line says how many. */
    taskLogBytes: number;
    /** Runs (sub-workflow runs) and tasks (their tasks and forEach items) created under one root run. */
    runTreeMaxRuns: number;
    runTreeMaxTasks: number;
  };
  /** Finished runs older than `days` are deleted in batches; 0 keeps them forever. */
  retention: { days: number; intervalMs: number; batchSize: number };
  /**
   * Where the router and executor serve /metrics; absent means they do not
   * listen (the API serves it on PORT). The API's cluster-wide gauges are
   * recomputed at most once per clusterIntervalMs (METRICS_CLUSTER_INTERVAL_MS)
   * whatever the number of scrapers. Node's event-loop delay histogram
   * (nodejs_eventloop_lag_*) samples every eventLoopResolutionMs
   * (METRICS_EVENT_LOOP_RESOLUTION_MS; ADR 0034).
   */
  metrics: { port?: number; clusterIntervalMs: number; eventLoopResolutionMs: number };
  /** `auto`: pretty, coloured lines when stdout is a terminal, JSON lines otherwise. */
  log: { level: Env['LOG_LEVEL']; format: Env['LOG_FORMAT'] };
}

/** Validates the environment once, at boot; a bad value names its variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): TaskloomConfig {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) throw ConfigError.fromIssues(parsed.error.issues);
  const e = parsed.data;
  if (e.ROUTER_LOW_WATER > e.ROUTER_HIGH_WATER) {
    throw new ConfigError(['ROUTER_LOW_WATER: must not exceed ROUTER_HIGH_WATER']);
  }
  return {
    database: { url: e.DATABASE_URL, poolSize: e.DATABASE_POOL_SIZE },
    redis: {
      url: e.REDIS_URL,
      prefix: e.REDIS_PREFIX,
      ...(e.REDIS_CLUSTER_NODES ? { clusterNodes: parseRedisNodes(e.REDIS_CLUSTER_NODES) } : {}),
    },
    http: {
      host: e.HOST,
      port: e.PORT,
      bodyLimitBytes: e.API_BODY_LIMIT,
      oversizedBodyDrainBytes: e.API_OVERSIZED_BODY_DRAIN,
      maxJsonDepth: e.API_MAX_JSON_DEPTH,
    },
    api: { backlogLimit: e.API_BACKLOG_LIMIT, rateLimitPerMinute: e.API_RATE_LIMIT, runBatchMax: e.API_RUN_BATCH_MAX },
    auth: {
      enabled: e.AUTH_ENABLED,
      bootstrapAdminKey: e.AUTH_BOOTSTRAP_ADMIN_KEY,
      keyCacheMs: e.AUTH_KEY_CACHE_MS,
      failureLimitPerMinute: e.AUTH_FAILURE_LIMIT,
    },
    queue: {
      partitions: e.QUEUE_PARTITIONS,
      priorityAgingMs: e.PRIORITY_AGING_MS,
      pools: parseQueuePools(e.QUEUE_POOLS),
    },
    router: {
      batchSize: e.ROUTER_BATCH_SIZE,
      lingerMs: e.ROUTER_LINGER_MS,
      pollMs: e.ROUTER_POLL_MS,
      highWater: e.ROUTER_HIGH_WATER,
      lowWater: e.ROUTER_LOW_WATER,
      vacuumDeadTuples: e.ROUTER_VACUUM_DEAD_TUPLES,
      vacuumCostDelayMs: e.ROUTER_VACUUM_COST_DELAY_MS,
      reconcileIntervalMs: e.RECONCILE_INTERVAL_MS,
      waitPollMs: e.WAIT_POLL_MS,
      safetyPollMs: e.ROUTER_SAFETY_POLL_MS,
      queuedGraceMs: e.RECONCILE_QUEUED_GRACE_MS,
      executorLostAfterMs: e.EXECUTOR_LOST_AFTER_MS,
    },
    schedules: {
      pollMs: e.SCHEDULE_POLL_MS,
      batch: e.SCHEDULE_BATCH,
      misfireGraceMs: e.SCHEDULE_MISFIRE_GRACE_MS,
      catchUpMax: e.SCHEDULE_CATCH_UP_MAX,
      backfillMax: e.SCHEDULE_BACKFILL_MAX,
    },
    executor: {
      cpu: e.EXECUTOR_CPU,
      memoryMb: e.EXECUTOR_MEMORY_MB,
      concurrency: e.EXECUTOR_CONCURRENCY,
      taskTypes: e.EXECUTOR_TASK_TYPES,
      partitions: parsePartitions(e.EXECUTOR_PARTITIONS, e.QUEUE_PARTITIONS),
      ...(e.EXECUTOR_POOLS ? { pools: parsePoolNames(e.EXECUTOR_POOLS, e.QUEUE_POOLS) } : {}),
      heartbeatMs: e.EXECUTOR_HEARTBEAT_MS,
      completionBatch: e.EXECUTOR_COMPLETION_BATCH,
      completionLingerMs: e.EXECUTOR_COMPLETION_LINGER_MS,
      runningAfterMs: e.EXECUTOR_RUNNING_AFTER_MS,
      plugins: e.PLUGINS,
      shutdownGraceMs: e.SHUTDOWN_GRACE_MS,
    },
    engine: {
      forEachMaxItems: e.FOREACH_MAX_ITEMS,
      maxInterruptions: e.TASK_MAX_INTERRUPTIONS,
      cancelMarkerTtlMs: e.CANCEL_MARKER_TTL_MS,
      forEachInputMaxBytes: e.FOREACH_INPUT_MAX_BYTES,
      expressions: {
        timeoutMs: e.EXPRESSION_TIMEOUT_MS,
        maxMemoryMb: e.EXPRESSION_MAX_MEMORY_MB,
        workers: e.EXPRESSION_WORKERS,
      },
    },
    limits: {
      runInputBytes: e.RUN_INPUT_MAX_BYTES,
      taskInputBytes: e.TASK_INPUT_MAX_BYTES,
      taskOutputBytes: e.TASK_OUTPUT_MAX_BYTES,
      taskLogBytes: e.TASK_LOG_MAX_BYTES,
      runTreeMaxRuns: e.RUN_TREE_MAX_RUNS,
      runTreeMaxTasks: e.RUN_TREE_MAX_TASKS,
    },
    retention: { days: e.RETENTION_DAYS, intervalMs: e.RETENTION_INTERVAL_MS, batchSize: e.RETENTION_BATCH_SIZE },
    metrics: {
      port: e.METRICS_PORT,
      clusterIntervalMs: e.METRICS_CLUSTER_INTERVAL_MS,
      eventLoopResolutionMs: e.METRICS_EVENT_LOOP_RESOLUTION_MS,
    },
    log: { level: e.LOG_LEVEL, format: e.LOG_FORMAT },
  };
}

function parsePartitions(values: string[] | undefined, partitions: number): number[] | undefined {
  if (!values) return undefined;
  return values.map((value) => {
    const partition = Number(value);
    if (!Number.isInteger(partition) || partition < 0 || partition >= partitions) {
      throw new ConfigError([
        `EXECUTOR_PARTITIONS: "${value}" is not a partition number between 0 and ${partitions - 1}`,
      ]);
    }
    return partition;
  });
}
