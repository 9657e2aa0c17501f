import { Inject, Injectable } from '@nestjs/common';
import { TASKLOOM_CONFIG, type TaskloomConfig } from '@taskloom/config';
import { HashRing, routingKey } from './hash-ring';
import { taskQueueName } from './queue-names';

/**
 * Picks the queue of a task: the hash ring maps (type, affinity) to a
 * partition, and each task type has its own queue per partition so that an
 * executor only ever polls queues of types it serves and can afford to run.
 */
@Injectable()
export class TaskRouting {
  private readonly ring: HashRing;

  constructor(@Inject(TASKLOOM_CONFIG) config: TaskloomConfig) {
    this.ring = new HashRing(config.queue.partitions);
  }

  get partitions(): number {
    return this.ring.partitions;
  }

  queueFor(taskType: string, affinity?: string): string {
    return taskQueueName(taskType, this.ring.partitionFor(routingKey(taskType, affinity)));
  }

  /** Every queue a type's tasks can be routed to: one per partition. */
  queuesOf(taskType: string, partitions?: readonly number[]): string[] {
    const chosen = partitions ?? Array.from({ length: this.ring.partitions }, (_, partition) => partition);
    return chosen.map((partition) => taskQueueName(taskType, partition));
  }
}
