import { Inject, Injectable } from '@nestjs/common';
import { TASKLOOM_CONFIG, type TaskloomConfig } from '@taskloom/config';
import { HashRing, routingKey } from './hash-ring';
import { poolQueueName } from './queue-names';
import { QueuePools } from './queue-pools';

/**
 * Picks the queue of a task: the hash ring maps (type, affinity) to a
 * partition, and QUEUE_POOLS the type to its executor pool; the queue is the
 * (partition, pool) one (ADR 0024). Executors poll the queues of the pools
 * they serve, and admit each job by its type's resource profile.
 */
@Injectable()
export class TaskRouting {
  private readonly ring: HashRing;
  readonly pools: QueuePools;

  constructor(@Inject(TASKLOOM_CONFIG) config: TaskloomConfig) {
    this.ring = new HashRing(config.queue.partitions);
    this.pools = new QueuePools(config.queue.pools);
  }

  get partitions(): number {
    return this.ring.partitions;
  }

  queueFor(taskType: string, affinity?: string): string {
    return poolQueueName(this.pools.poolOf(taskType), this.ring.partitionFor(routingKey(taskType, affinity)));
  }

  /** Every queue of a pool: one per partition (or per given partition). */
  queuesOfPool(pool: string, partitions?: readonly number[]): string[] {
    const chosen = partitions ?? Array.from({ length: this.ring.partitions }, (_, partition) => partition);
    return chosen.map((partition) => poolQueueName(pool, partition));
  }

  /** Every queue the given task types' tasks can be routed to: their pools' queues, each once, sorted. */
  queuesOfTypes(taskTypes: readonly string[], partitions?: readonly number[]): string[] {
    const pools = new Set(taskTypes.map((type) => this.pools.poolOf(type)));
    return [...pools].flatMap((pool) => this.queuesOfPool(pool, partitions)).sort();
  }
}
