import { Inject, Injectable } from '@nestjs/common';
import { jobIdFor, jobKey } from './queue-names';
import { QueueRegistry } from './queue.registry';
import { REDIS_CONNECTION } from './queue.tokens';
import type { RedisConnection } from './redis.connection';

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
    @Inject(REDIS_CONNECTION) private readonly redis: RedisConnection,
    private readonly queues: QueueRegistry,
  ) {}

  /**
   * The attempts whose job BullMQ holds in no state: one pipelined EXISTS
   * per job hash (jobKey). A Redis Cluster pipeline must stay within one
   * slot, so there is one pipeline per queue (its keys share the queue's
   * hash tag), all sent at once: one round trip whatever the count. An
   * attempt whose EXISTS failed is not reported missing: the next look decides.
   */
  async missing<T extends QueuedAttempt>(attempts: readonly T[]): Promise<T[]> {
    const byQueue = new Map<string, T[]>();
    for (const attempt of attempts) {
      const same = byQueue.get(attempt.queue);
      if (same) same.push(attempt);
      else byQueue.set(attempt.queue, [attempt]);
    }
    const found = await Promise.all(
      [...byQueue].map(async ([queue, inQueue]) => {
        const pipeline = this.redis.pipeline();
        for (const attempt of inQueue) {
          pipeline.exists(jobKey(this.queues.prefix, queue, jobIdFor(attempt.taskId, attempt.attempt)));
        }
        const answers = (await pipeline.exec()) ?? [];
        return new Set(inQueue.filter((_, index) => answers[index]?.[1] === 0));
      }),
    );
    const gone = new Set(found.flatMap((set) => [...set]));
    return attempts.filter((attempt) => gone.has(attempt));
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
