import { Inject, Injectable } from '@nestjs/common';
import { TASKLOOM_CONFIG, type TaskloomConfig } from '@taskloom/config';
import type { ClaimedTask } from '@taskloom/persistence';
import { QueueRegistry } from '@taskloom/queue';
import { taskJob } from './task-job.options';

/** Sends claimed tasks to their queues: one addBulk per queue, in dispatch order. */
@Injectable()
export class TaskEnqueuer {
  constructor(
    private readonly queues: QueueRegistry,
    @Inject(TASKLOOM_CONFIG) private readonly config: TaskloomConfig,
  ) {}

  async enqueue(tasks: readonly ClaimedTask[]): Promise<void> {
    const now = Date.now();
    const byQueue = new Map<string, ClaimedTask[]>();
    for (const task of tasks) {
      const queued = byQueue.get(task.queue);
      if (queued) queued.push(task);
      else byQueue.set(task.queue, [task]);
    }
    await Promise.all(
      [...byQueue].map(([queue, queued]) =>
        this.queues.get(queue).addBulk(queued.map((task) => taskJob(task, now, this.config.queue.priorityAgingMs))),
      ),
    );
  }
}
