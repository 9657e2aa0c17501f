import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { TASKLOOM_CONFIG, type TaskloomConfig } from '@taskloom/config';
import { Queue } from 'bullmq';
import { REDIS_CONNECTION } from './queue.tokens';
import type { RedisConnection } from './redis.connection';
import type { TaskJobData } from './task-job';

/** One BullMQ Queue object per queue name, sharing the process's Redis connection. */
@Injectable()
export class QueueRegistry implements OnApplicationShutdown {
  private readonly queues = new Map<string, Queue<TaskJobData>>();

  constructor(
    @Inject(TASKLOOM_CONFIG) private readonly config: TaskloomConfig,
    @Inject(REDIS_CONNECTION) private readonly connection: RedisConnection,
  ) {}

  get prefix(): string {
    return this.config.redis.prefix;
  }

  get(name: string): Queue<TaskJobData> {
    let queue = this.queues.get(name);
    if (!queue) {
      queue = new Queue<TaskJobData>(name, { connection: this.connection, prefix: this.prefix });
      this.queues.set(name, queue);
    }
    return queue;
  }

  known(): string[] {
    return [...this.queues.keys()];
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.all([...this.queues.values()].map((queue) => queue.close()));
    this.queues.clear();
  }
}
