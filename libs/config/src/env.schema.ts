import { z } from 'zod';

const integer = (min: number, max: number) => z.coerce.number().int().min(min).max(max);
const positive = z.coerce.number().positive();
const list = z.string().transform((value) =>
  value
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item.length > 0),
);
const BYTE_UNITS = { b: 1, kb: 1024, mb: 1024 * 1024 } as const;
// "512kb", "5mb" → bytes (1 kb = 1024 bytes).
const byteSize = z
  .string()
  .regex(/^\d+(b|kb|mb)$/i, 'a size like 512kb or 5mb')
  .transform(
    (value) =>
      Number.parseInt(value, 10) * BYTE_UNITS[value.replace(/^\d+/, '').toLowerCase() as keyof typeof BYTE_UNITS],
  );
// z.coerce.boolean() would read "false" as true.
const flag = z.enum(['true', 'false', '1', '0']).transform((value) => value === 'true' || value === '1');

/** Every plugin under plugins/: loaded unless PLUGINS says otherwise, so `npm start` offers all their task types. */
export const FIRST_PARTY_PLUGINS: readonly string[] = [
  '@taskloom/plugin-core',
  '@taskloom/plugin-http',
  '@taskloom/plugin-transform',
];

/**
 * Every environment variable Taskloom reads, with defaults that work on a
 * developer machine (PostgreSQL and Redis on localhost).
 */
export const EnvSchema = z.object({
  DATABASE_URL: z.url().default('postgres://postgres@127.0.0.1:5432/taskloom'),
  DATABASE_POOL_SIZE: integer(1, 200).default(10),
  REDIS_URL: z.url().default('redis://127.0.0.1:6379'),
  REDIS_CLUSTER_NODES: list.optional(),
  REDIS_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9_-]+$/, 'letters, digits, "_" and "-" only')
    .default('taskloom'),
  HOST: z.string().default('0.0.0.0'),
  PORT: integer(0, 65535).default(3000),
  API_BODY_LIMIT: byteSize.prefault('5mb'),
  API_OVERSIZED_BODY_DRAIN: byteSize.prefault('32mb'),
  API_MAX_JSON_DEPTH: integer(8, 10_000).default(128),
  API_BACKLOG_LIMIT: integer(1, 100_000_000).default(100_000),
  API_RUN_BATCH_MAX: integer(1, 100_000).default(1_000),
  QUEUE_PARTITIONS: integer(1, 4096).default(4),
  QUEUE_POOLS: z.string().default(''),
  PRIORITY_AGING_MS: integer(1, 86_400_000).default(60_000),
  ROUTER_BATCH_SIZE: integer(1, 10_000).default(500),
  ROUTER_LINGER_MS: integer(0, 1_000).default(2),
  ROUTER_POLL_MS: integer(10, 60_000).default(500),
  ROUTER_HIGH_WATER: integer(1, 10_000_000).default(1_000),
  ROUTER_LOW_WATER: integer(0, 10_000_000).default(500),
  ROUTER_VACUUM_DEAD_TUPLES: integer(0, 1_000_000_000).default(10_000),
  // PostgreSQL's own bounds for vacuum_cost_delay.
  ROUTER_VACUUM_COST_DELAY_MS: integer(0, 100).default(2),
  RECONCILE_INTERVAL_MS: integer(100, 600_000).default(2_000),
  WAIT_POLL_MS: integer(10, 60_000).default(250),
  SCHEDULE_POLL_MS: integer(10, 60_000).default(250),
  ROUTER_SAFETY_POLL_MS: integer(100, 600_000).default(10_000),
  SCHEDULE_BATCH: integer(1, 10_000).default(50),
  SCHEDULE_MISFIRE_GRACE_MS: integer(0, 86_400_000).default(30_000),
  SCHEDULE_CATCH_UP_MAX: integer(1, 10_000).default(100),
  SCHEDULE_BACKFILL_MAX: integer(1, 100_000).default(1_000),
  RECONCILE_QUEUED_GRACE_MS: integer(0, 600_000).default(5_000),
  EXECUTOR_LOST_AFTER_MS: integer(500, 3_600_000).default(15_000),
  EXECUTOR_CPU: positive.default(2),
  EXECUTOR_MEMORY_MB: integer(64, 10_000_000).default(2048),
  EXECUTOR_CONCURRENCY: integer(1, 10_000).default(64),
  EXECUTOR_TASK_TYPES: list.optional(),
  EXECUTOR_PARTITIONS: list.optional(),
  EXECUTOR_POOLS: list.optional(),
  EXECUTOR_HEARTBEAT_MS: integer(100, 600_000).default(2_000),
  EXECUTOR_COMPLETION_BATCH: integer(1, 10_000).default(200),
  EXECUTOR_COMPLETION_LINGER_MS: integer(0, 1_000).default(2),
  EXECUTOR_RUNNING_AFTER_MS: integer(0, 600_000).default(100),
  PLUGINS: list.default(() => [...FIRST_PARTY_PLUGINS]),
  SHUTDOWN_GRACE_MS: integer(0, 600_000).default(10_000),
  FOREACH_MAX_ITEMS: integer(1, 1_000_000).default(10_000),
  EXPRESSION_TIMEOUT_MS: integer(10, 600_000).default(1_000),
  EXPRESSION_MAX_MEMORY_MB: integer(16, 65_536).default(256),
  EXPRESSION_WORKERS: integer(1, 64).default(2),
  TASK_MAX_INTERRUPTIONS: integer(0, 1_000).default(5),
  CANCEL_MARKER_TTL_MS: integer(1_000, 604_800_000).default(86_400_000),
  FOREACH_INPUT_MAX_BYTES: byteSize.prefault('64mb'),
  RUN_INPUT_MAX_BYTES: byteSize.prefault('5mb'),
  TASK_INPUT_MAX_BYTES: byteSize.prefault('10mb'),
  TASK_OUTPUT_MAX_BYTES: byteSize.prefault('10mb'),
  TASK_LOG_MAX_BYTES: byteSize.prefault('64kb'),
  RUN_TREE_MAX_RUNS: integer(1, 10_000_000).default(1_000),
  RUN_TREE_MAX_TASKS: integer(1, 100_000_000).default(100_000),
  AUTH_ENABLED: flag.default(false),
  AUTH_BOOTSTRAP_ADMIN_KEY: z
    .string()
    .regex(
      /^tlk_[0-9a-f]{32}_[0-9a-f]{64}$/,
      'must look like tlk_<32 hex>_<64 hex>: echo "tlk_$(openssl rand -hex 16)_$(openssl rand -hex 32)"',
    )
    .optional(),
  AUTH_KEY_CACHE_MS: integer(0, 3_600_000).default(10_000),
  AUTH_FAILURE_LIMIT: integer(0, 10_000_000).default(30),
  API_RATE_LIMIT: integer(0, 10_000_000).default(0),
  RETENTION_DAYS: integer(0, 36_500).default(30),
  RETENTION_INTERVAL_MS: integer(1_000, 86_400_000).default(3_600_000),
  RETENTION_BATCH_SIZE: integer(1, 100_000).default(500),
  METRICS_PORT: integer(1, 65535).optional(),
  METRICS_CLUSTER_INTERVAL_MS: integer(0, 3_600_000).default(5_000),
  METRICS_EVENT_LOOP_RESOLUTION_MS: integer(1, 1_000).default(100),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  LOG_FORMAT: z.enum(['auto', 'json', 'pretty']).default('auto'),
});

export type Env = z.infer<typeof EnvSchema>;
