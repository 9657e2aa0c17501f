import { Counter, Gauge, Histogram } from 'prom-client';
import { metricsRegistry } from './metrics-registry';

const registers = [metricsRegistry];

/** Task handlers run from milliseconds to many minutes. */
const TASK_SECONDS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600, 1800];
/** Waiting in PostgreSQL or Redis: sub-millisecond when idle, minutes under a backlog. */
const WAIT_SECONDS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 900];
const REQUEST_SECONDS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
const BATCH_SIZES = [1, 2, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000];

/**
 * Every Taskloom metric, defined once. Labels stay low-cardinality: task
 * type, queue (partition × type), status — never run or task ids.
 */
export const metrics = {
  // Tasks, counted per attempt where they happen: submitted by the router, finished on the executor.
  tasksSubmitted: new Counter({
    name: 'taskloom_tasks_submitted_total',
    help: 'Task attempts the router submitted to their queue.',
    labelNames: ['type'],
    registers,
  }),
  tasksCompleted: new Counter({
    name: 'taskloom_tasks_completed_total',
    help: 'Task attempts that succeeded.',
    labelNames: ['type'],
    registers,
  }),
  tasksFailed: new Counter({
    name: 'taskloom_tasks_failed_total',
    help: 'Task attempts that failed; retryable="true" ones run again while attempts remain.',
    labelNames: ['type', 'retryable'],
    registers,
  }),
  taskDuration: new Histogram({
    name: 'taskloom_task_duration_seconds',
    help: 'How long the task handler ran, per attempt.',
    labelNames: ['type', 'status'],
    buckets: TASK_SECONDS,
    registers,
  }),
  taskDispatchLatency: new Histogram({
    name: 'taskloom_task_dispatch_latency_seconds',
    help: 'From a task becoming ready in PostgreSQL to its job being in its queue.',
    labelNames: ['type'],
    buckets: WAIT_SECONDS,
    registers,
  }),
  taskQueueWait: new Histogram({
    name: 'taskloom_task_queue_wait_seconds',
    help: 'From a task job entering its queue to an executor picking it up.',
    labelNames: ['type'],
    buckets: WAIT_SECONDS,
    registers,
  }),

  // Executor load, refreshed at scrape time.
  executorActiveTasks: new Gauge({
    name: 'taskloom_executor_active_tasks',
    help: 'Tasks this executor is running now.',
    registers,
  }),
  executorUtilisation: new Gauge({
    name: 'taskloom_executor_utilisation_ratio',
    help: 'Share of this executor capacity in use, per resource (cpu, memory, slots).',
    labelNames: ['resource'],
    registers,
  }),

  // Router.
  routerClaimBatch: new Histogram({
    name: 'taskloom_router_claim_batch_size',
    help: 'Ready tasks claimed per non-empty claim round.',
    buckets: BATCH_SIZES,
    registers,
  }),
  routerEnqueueDuration: new Histogram({
    name: 'taskloom_router_enqueue_duration_seconds',
    help: 'How long one claimed batch took to reach Redis (addBulk per queue).',
    buckets: WAIT_SECONDS,
    registers,
  }),
  routerQueueDepth: new Gauge({
    name: 'taskloom_router_queue_depth',
    help: 'Waiting and active jobs of a queue as the router last sampled it for backpressure.',
    labelNames: ['queue'],
    registers,
  }),
  routerQueueSaturated: new Gauge({
    name: 'taskloom_router_queue_saturated',
    help: '1 while the router holds back a queue past its high-water mark (ROUTER_HIGH_WATER), else 0.',
    labelNames: ['queue'],
    registers,
  }),
  routerQueuePaused: new Gauge({
    name: 'taskloom_router_queue_paused',
    help: '1 while a queue is paused by an operator, so the router holds its tasks back, else 0.',
    labelNames: ['queue'],
    registers,
  }),
  taskInterruptions: new Counter({
    name: 'taskloom_task_interruptions_total',
    help: 'Attempts interrupted (executor lost, handed back at shutdown, job redelivered or lost) and run again on the interruption budget; outcome "exhausted" failed the task (TASK_MAX_INTERRUPTIONS)',
    labelNames: ['type', 'reason', 'outcome'],
    registers,
  }),
  routerReconciled: new Counter({
    name: 'taskloom_router_reconciled_total',
    help: 'Repairs by the reconciler: requeued (job lost from Redis), lost (executor gone), timed_out (run deadline).',
    labelNames: ['reason'],
    registers,
  }),
  retentionDeletedRuns: new Counter({
    name: 'taskloom_retention_deleted_runs_total',
    help: 'Finished runs deleted (with their tasks and attempts) for being older than RETENTION_DAYS.',
    registers,
  }),

  // Runs started on a clock or by an event (DESIGN §8, §9).
  scheduleLag: new Histogram({
    name: 'taskloom_schedule_lag_seconds',
    help: 'From a fire time (a delayed run: its start time) to its run being created (promoted), as routers fire them.',
    labelNames: ['source'],
    buckets: WAIT_SECONDS,
    registers,
  }),
  runsCancelledByOnLimit: new Counter({
    name: 'taskloom_runs_cancelled_by_on_limit_total',
    help: 'Runs cancelled because their workflow concurrency key was at its limit, by onLimit (cancel_newest, cancel_oldest); no label per key.',
    labelNames: ['on_limit'],
    registers,
  }),
  runsStartedBy: new Counter({
    name: 'taskloom_runs_started_by_total',
    help: 'Runs started by something other than a direct request: source="schedule" (fire times, trigger, backfill), "event", "delayed" (promoted at their startAt).',
    labelNames: ['source'],
    registers,
  }),

  // API, and cluster-wide state the API reads at scrape time.
  httpRequestDuration: new Histogram({
    name: 'taskloom_http_request_duration_seconds',
    help: 'API request duration by route template.',
    labelNames: ['method', 'route', 'status_code'],
    buckets: REQUEST_SECONDS,
    registers,
  }),
  queueJobs: new Gauge({
    name: 'taskloom_queue_jobs',
    help: 'Jobs per queue and state (waiting, active, delayed, failed, paused).',
    labelNames: ['queue', 'partition', 'pool', 'state'],
    registers,
  }),
  tasksWaiting: new Gauge({
    name: 'taskloom_tasks_waiting',
    help: 'Tasks waiting to run: status="ready" in PostgreSQL, status="queued" in Redis.',
    labelNames: ['status'],
    registers,
  }),
  runsActive: new Gauge({
    name: 'taskloom_runs_active',
    help: 'Runs that have not ended, by status (scheduled, queued for a workflow concurrency slot, pending, running, paused).',
    labelNames: ['status'],
    registers,
  }),
  tasksInWait: new Gauge({
    name: 'taskloom_tasks_in_wait',
    help: 'Tasks in status waiting, by kind: a durable sleep (sleep) or a signal wait (signal). They hold no executor slot and no queue job.',
    labelNames: ['kind'],
    registers,
  }),
  signalsReceived: new Counter({
    name: 'taskloom_signals_received_total',
    help: 'Signals sent to runs, by outcome: delivered (a waiting task took it), kept (for a task that waits later), duplicate (a repeated signalId), rejected (payload failed its schema).',
    labelNames: ['outcome'],
    registers,
  }),
  runsStalled: new Gauge({
    name: 'taskloom_runs_stalled',
    help: 'Pending or running runs untouched for 5 minutes with no task ready, queued, running or waiting: nothing can move them.',
    registers,
  }),
  executorsLive: new Gauge({
    name: 'taskloom_executors_live',
    help: 'Executors whose heartbeat is recent (within EXECUTOR_LOST_AFTER_MS).',
    registers,
  }),
  concurrencySlotsHeld: new Gauge({
    name: 'taskloom_concurrency_slots_held',
    help: 'Concurrency-key slots held, summed over every key (no label per key): scope="task" tasks with a key, queued or running; scope="run" admitted runs of a workflow with a key.',
    labelNames: ['scope'],
    registers,
  }),
  concurrencyKeysActive: new Gauge({
    name: 'taskloom_concurrency_keys_active',
    help: 'Concurrency keys with at least one slot held.',
    labelNames: ['scope'],
    registers,
  }),
  concurrencyTasksThrottled: new Gauge({
    name: 'taskloom_concurrency_tasks_throttled',
    help: 'Work held back because every slot of its concurrency key is taken: scope="task" ready tasks (GET /admin/concurrency-keys names the keys), scope="run" queued runs.',
    labelNames: ['scope'],
    registers,
  }),
  rateLimitedTasks: new Gauge({
    name: 'taskloom_rate_limited_tasks',
    help: 'Ready tasks held back because their rate-limit bucket has no permit left in its window, summed over every bucket (GET /admin/rate-limit-keys names the buckets).',
    registers,
  }),
  ratePermitsGranted: new Counter({
    name: 'taskloom_rate_permits_granted_total',
    help: 'Rate-limit permits this router granted: rate-limited tasks it dispatched, retries included.',
    registers,
  }),
  clusterMetricsRefreshes: new Counter({
    name: 'taskloom_cluster_metrics_refreshes_total',
    help: 'Times this API recomputed the cluster gauges above: at most once per METRICS_CLUSTER_INTERVAL_MS.',
    registers,
  }),

  // Every process: its PostgreSQL pool.
  dbPoolConnections: new Gauge({
    name: 'taskloom_db_pool_connections',
    help: 'PostgreSQL pool of this process: total and idle connections, and queries waiting for one.',
    labelNames: ['state'],
    registers,
  }),
  dbPoolMax: new Gauge({
    name: 'taskloom_db_pool_max',
    help: 'Largest size of the PostgreSQL pool of this process (DATABASE_POOL_SIZE).',
    registers,
  }),
};
