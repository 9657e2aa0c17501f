import { MAX_PARTITIONS } from './hash-ring';

/**
 * Every BullMQ queue name, job id, job name and Redis key Taskloom uses is
 * built here and nowhere else. These strings are stored (tasks.queue) and
 * shared by every process and release, so changing one is a migration.
 *
 * Facts from BullMQ 6.7 that shape them:
 * - keys are `${prefix}:${queueName}:${suffix}`, and a job's hash is
 *   `${prefix}:${queueName}:${jobId}` (classes/queue-keys.ts, and
 *   RedisQueueBackend using toKey(jobId) for the job key);
 * - a queue name must not contain ':' (classes/queue-base.ts);
 * - a custom job id must not be an integer string nor contain ':'
 *   (Job#validateOptions in classes/job.ts).
 */

/** Redis key prefix unless configured otherwise (REDIS_PREFIX). */
export const DEFAULT_REDIS_PREFIX = 'taskloom';

/** The BullMQ job name of every task job; the job's data says which task type. */
export const TASK_JOB_NAME = 'task';

/**
 * `tasks-{0007}`. BullMQ's Lua scripts touch several keys of one queue at
 * once, which Redis Cluster allows only within one hash slot. The braces are
 * a cluster hash tag: every key of a partition queue (and every job key)
 * hashes on the partition number alone, so one partition lives in one slot
 * while different partitions spread across nodes. The tag sits in the queue
 * name rather than the prefix, which would pin all partitions to one slot.
 * Four digits hold MAX_PARTITIONS - 1 and keep names sorted in dashboards.
 */
export function partitionQueueName(partition: number): string {
  if (!Number.isInteger(partition) || partition < 0 || partition >= MAX_PARTITIONS) {
    throw new RangeError(`partition must be an integer from 0 to ${MAX_PARTITIONS - 1}, got ${partition}`);
  }
  return `tasks-{${String(partition).padStart(4, '0')}}`;
}

const PARTITION_QUEUE_NAME = /^tasks-\{(\d{4})\}$/;

/** The partition of a name made by partitionQueueName, else undefined. */
export function parsePartitionQueueName(name: string): number | undefined {
  const digits = PARTITION_QUEUE_NAME.exec(name)?.[1];
  if (digits === undefined) return undefined;
  const partition = Number(digits);
  return partition < MAX_PARTITIONS ? partition : undefined;
}

/** A pool name as QUEUE_POOLS allows it: no ':' (BullMQ's key separator) and no braces (hash tags). */
const POOL_NAME = /^[a-z0-9_-]{1,32}$/;

/**
 * `tasks-{0007}-default`: one queue per partition and executor pool (ADR
 * 0024), whatever the number of task types, so an executor's workers (and
 * their blocking Redis connections) grow with the partitions and pools it
 * serves only. The partition's name, hash tag included, comes first: Redis
 * hashes on the first `{...}`, so the pool's queue stays in its partition's
 * slot.
 */
export function poolQueueName(pool: string, partition: number): string {
  if (!POOL_NAME.test(pool)) {
    throw new RangeError(`pool must be 1 to 32 of a-z, 0-9, "_" and "-", got ${JSON.stringify(pool)}`);
  }
  return `${partitionQueueName(partition)}-${pool}`;
}

export interface PoolQueue {
  pool: string;
  partition: number;
}

const POOL_QUEUE_NAME = /^(tasks-\{\d{4}\})-([a-z0-9_-]{1,32})$/;

/** The inverse of poolQueueName; undefined for any name it could not have made. */
export function parsePoolQueueName(name: string): PoolQueue | undefined {
  const match = POOL_QUEUE_NAME.exec(name);
  if (!match) return undefined;
  const partition = parsePartitionQueueName(match[1]);
  return partition === undefined ? undefined : { pool: match[2], partition };
}

/**
 * `${taskId}.${attempt}`. Deterministic, so a router that re-enqueues a task
 * (after a crash or a Redis flush) cannot create a second job for the same
 * attempt: BullMQ ignores an add whose job id already exists. Each retry is a
 * new attempt and so a new job. The '.' keeps the id from being an integer.
 */
export function jobIdFor(taskId: string, attempt: number): string {
  if (taskId === '' || taskId.includes(':')) {
    throw new RangeError(`taskId must be non-empty and contain no ':', got ${JSON.stringify(taskId)}`);
  }
  if (!Number.isSafeInteger(attempt) || attempt < 0) {
    throw new RangeError(`attempt must be a non-negative integer, got ${attempt}`);
  }
  return `${taskId}.${attempt}`;
}

export interface TaskJobId {
  taskId: string;
  attempt: number;
}

// Greedy on the task id, so the attempt is whatever follows the last '.'.
const JOB_ID = /^([^:]+)\.(0|[1-9]\d*)$/;

/** The inverse of jobIdFor; undefined for any id it could not have made. */
export function parseJobId(jobId: string): TaskJobId | undefined {
  const match = JOB_ID.exec(jobId);
  if (!match) return undefined;
  const attempt = Number(match[2]);
  return Number.isSafeInteger(attempt) ? { taskId: match[1], attempt } : undefined;
}

/**
 * The Redis key of a job's hash; it exists while BullMQ holds the job in any
 * state. The reconciler EXISTS-checks these in a pipeline; they share the
 * queue's hash tag, so one partition's checks go to one cluster node.
 */
export function jobKey(prefix: string, queueName: string, jobId: string): string {
  return `${prefix}:${queueName}:${jobId}`;
}

/**
 * `taskloom:cancelled-runs`: a sorted set of recently cancelled run ids
 * (scored by time) and the pub/sub channel that announces them, so
 * executors never start a job of a run cancelled before it was delivered.
 */
export function cancelledRunsKey(prefix: string): string {
  return `${prefix}:cancelled-runs`;
}
