import { randomUUID } from 'node:crypto';
import { loadConfig } from '@taskloom/config';
import {
  createRedisConnection,
  jobIdFor,
  QueueJobs,
  QueueRegistry,
  TASK_JOB_NAME,
  poolQueueName,
  type RedisConnection,
} from '@taskloom/queue';
import { Queue } from 'bullmq';
import { createSuiteServices, type SuiteServices } from '../support/services';

/** QueueJobs.missing on a real Redis: what the reconciler and the queue drain rely on to find lost jobs. */
describe('QueueJobs.missing', () => {
  let services: SuiteServices;
  let redis: RedisConnection;
  let registry: QueueRegistry;
  let jobs: QueueJobs;
  const queue = poolQueueName('default', 0);
  const other = poolQueueName('default', 1);

  beforeAll(async () => {
    services = await createSuiteServices('queue-jobs');
    redis = createRedisConnection(loadConfig(services.env).redis, 'queue-jobs-test');
    registry = new QueueRegistry(loadConfig(services.env), redis);
    jobs = new QueueJobs(redis, registry);
  });

  afterAll(async () => {
    await registry.onApplicationShutdown();
    await redis.quit();
    await services.dispose();
  });

  /** Adds a job with BullMQ's own Queue, not ours: the probe must find BullMQ's keys. */
  async function enqueue(queueName: string, taskId: string, attempt: number): Promise<void> {
    const bull = new Queue(queueName, { connection: redis, prefix: services.redisPrefix });
    await bull.add(TASK_JOB_NAME, { taskId }, { jobId: jobIdFor(taskId, attempt) });
    await bull.close();
  }

  it('reports the attempts whose job is in no state, keeping the caller’s records and order', async () => {
    const held = { taskId: randomUUID(), attempt: 1, queue, note: 'held' };
    const otherAttempt = { ...held, attempt: 2, note: 'a later attempt has its own job id' };
    const otherQueue = { ...held, queue: other, note: 'the same job id in another queue' };
    const neverAdded = { taskId: randomUUID(), attempt: 1, queue, note: 'never added' };
    await enqueue(queue, held.taskId, held.attempt);

    const missing = await jobs.missing([held, otherAttempt, otherQueue, neverAdded]);

    expect(missing).toEqual([otherAttempt, otherQueue, neverAdded]);
    expect(missing[0]).toBe(otherAttempt);
  });

  it('reports a job once BullMQ removed it', async () => {
    const attempt = { taskId: randomUUID(), attempt: 3, queue };
    await enqueue(queue, attempt.taskId, attempt.attempt);
    expect(await jobs.missing([attempt])).toEqual([]);

    await registry.get(queue).remove(jobIdFor(attempt.taskId, attempt.attempt));

    expect(await jobs.missing([attempt])).toEqual([attempt]);
  });

  it('answers an empty list with an empty list', async () => {
    expect(await jobs.missing([])).toEqual([]);
  });
});
