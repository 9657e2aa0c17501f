import { Inject, Injectable } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { jobIdFor, jobKey } from './queue-names';
import { QueueRegistry } from './queue.registry';
import { REDIS_CONNECTION } from './queue.tokens';

/** A task attempt PostgreSQL says is queued, and the queue its job should be in. */
export interface QueuedAttempt {
  taskId: string;
  attempt: number;
  queue: string;
}

/**
 * Asks Redis which queued attempts still have a job. PostgreSQL is the
 * truth and Redis only the transport, so the reconciler and the queue admin
 * both need to find the attempts whose job is gone (Redis flushed or
 * restarted, a router stopped before enqueueing, a queue drained).
 */
@Injectable()
export class QueueJobs {
  constructor(
    @Inject(REDIS_CONNECTION) private readonly redis: Redis,
    private readonly queues: QueueRegistry,
  ) {}

  /**
   * The attempts whose job BullMQ holds in no state: one pipelined EXISTS
   * per job hash (jobKey), so one round trip whatever the count. An attempt
   * whose EXISTS failed is not reported missing: the next look decides.
   */
  async missing<T extends QueuedAttempt>(attempts: readonly T[]): Promise<T[]> {
    if (attempts.length === 0) return [];
    const pipeline = this.redis.pipeline();
    for (const attempt of attempts) {
      pipeline.exists(jobKey(this.queues.prefix, attempt.queue, jobIdFor(attempt.taskId, attempt.attempt)));
    }
    const answers = (await pipeline.exec()) ?? [];
    return attempts.filter((_, index) => answers[index]?.[1] === 0);
  }

  /**
   * Removes the jobs of attempts that ended without starting (a queue
   * timeout), so no executor runs them later. A job an executor already
   * holds is not removed (BullMQ refuses a locked job): its outcome is
   * fenced out. Returns how many were removed.
   */
  async remove(attempts: readonly QueuedAttempt[]): Promise<number> {
    const removed = await Promise.all(
      attempts.map((attempt) => this.queues.get(attempt.queue).remove(jobIdFor(attempt.taskId, attempt.attempt))),
    );
    return removed.filter((count) => count > 0).length;
  }
}
