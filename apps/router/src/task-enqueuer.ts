import { Inject, Injectable } from '@nestjs/common';
import { TASKLOOM_CONFIG, type TaskloomConfig } from '@taskloom/config';
import type { ClaimedTask } from '@taskloom/persistence';
import { QueueRegistry } from '@taskloom/queue';
import { metrics, tracingActive } from '@taskloom/telemetry';
import { DispatchSpans } from './dispatch-spans';
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
    // Untraced, a job still carries its run's context, so a traced executor can join the run's trace.
    const spans = tracingActive() ? new DispatchSpans(tasks) : undefined;
    try {
      await Promise.all(
        [...byQueue].map(([queue, queued]) =>
          this.queues
            .get(queue)
            .addBulk(
              queued.map((task) =>
                taskJob(
                  task,
                  now,
                  this.config.queue.priorityAgingMs,
                  spans?.traceparentOf(task) ?? task.traceparent ?? null,
                ),
              ),
            ),
        ),
      );
    } catch (error) {
      spans?.end(error);
      throw error;
    }
    spans?.end();
    countSubmitted(tasks);
  }
}

/** Per type, not per task: one counter increment and one histogram child lookup for each type in the batch. */
function countSubmitted(tasks: readonly ClaimedTask[]): void {
  const enqueuedAt = Date.now();
  const byType = new Map<string, ClaimedTask[]>();
  for (const task of tasks) {
    const ofType = byType.get(task.type);
    if (ofType) ofType.push(task);
    else byType.set(task.type, [task]);
  }
  for (const [type, ofType] of byType) {
    metrics.tasksSubmitted.inc({ type }, ofType.length);
    const latency = metrics.taskDispatchLatency.labels({ type });
    for (const task of ofType) latency.observe(Math.max(0, enqueuedAt - task.readyAt) / 1000);
  }
}
