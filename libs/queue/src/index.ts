export { DEFAULT_VIRTUAL_NODES, HashRing, MAX_PARTITIONS, routingKey } from './hash-ring';
export {
  DEFAULT_REDIS_PREFIX,
  TASK_JOB_NAME,
  cancelledRunsKey,
  jobIdFor,
  jobKey,
  parseJobId,
  parsePartitionQueueName,
  parsePoolQueueName,
  partitionQueueName,
  poolQueueName,
} from './queue-names';
export type { PoolQueue, TaskJobId } from './queue-names';
export { QueuePools } from './queue-pools';
export { PRIORITY_CLASSES, agedRank, bullPriorityFor, priorityClassOfRank, priorityRank } from './priority';
export type { PriorityClass } from './priority';
export { QueueModule } from './queue.module';
export { QueueJobs, type QueuedAttempt } from './queue-jobs';
export { QueueRegistry } from './queue.registry';
export { CancelledRuns } from './cancelled-runs';
export { REDIS_CONNECTION } from './queue.tokens';
export { TaskRouting } from './task-routing.service';
export { createRedisConnection, redisMasters, type RedisConnection } from './redis.connection';
export type { TaskJobData } from './task-job';
