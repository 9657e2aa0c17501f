export { DEFAULT_VIRTUAL_NODES, HashRing, MAX_PARTITIONS, routingKey } from './hash-ring';
export {
  DEFAULT_REDIS_PREFIX,
  TASK_JOB_NAME,
  cancelledRunsKey,
  jobIdFor,
  jobKey,
  parseJobId,
  parsePartitionQueueName,
  parseTaskQueueName,
  partitionQueueName,
  taskQueueName,
} from './queue-names';
export type { TaskJobId, TaskQueue } from './queue-names';
export { PRIORITY_CLASSES, agedRank, bullPriorityFor, priorityClassOfRank, priorityRank } from './priority';
export type { PriorityClass } from './priority';
export { QueueModule } from './queue.module';
export { QueueJobs, type QueuedAttempt } from './queue-jobs';
export { QueueRegistry } from './queue.registry';
export { CancelledRuns } from './cancelled-runs';
export { REDIS_CONNECTION } from './queue.tokens';
export { TaskRouting } from './task-routing.service';
export { createRedisConnection } from './redis.connection';
export type { TaskJobData } from './task-job';
