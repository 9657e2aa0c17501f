import { Injectable } from '@nestjs/common';
import type { ClaimedTask } from '@taskloom/persistence';
import { QueueRegistry } from '@taskloom/queue';
import { taskJob } from './task-job.options';

/** Sends claimed tasks to their queues: one addBulk per queue, in dispatch order. */
@Injectable()
export class TaskEnqueuer {
  constructor(private readonly queues: QueueRegistry) {}

  async enqueue(tasks: readonly ClaimedTask[]): Promise<void> {
    const byQueue = new Map<string, ClaimedTask[]>();
    for (const task of tasks) byQueue.set(task.queue, [...(byQueue.get(task.queue) ?? []), task]);
    await Promise.all(
      [...byQueue].map(([queue, queued]) => this.queues.get(queue).addBulk(queued.map(taskJob))),
    );
  }
}
