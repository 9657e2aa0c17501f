import { DEFAULT_POOL, type QueuePoolSpec } from '@taskloom/config';

/**
 * Which executor pool carries a task type (QUEUE_POOLS, ADR 0024): the first
 * declared pool with an exact name or a matching `prefix*`, else `default`.
 * Answers are remembered: the catalogue is small and the question is asked
 * for every task that becomes ready.
 */
export class QueuePools {
  private readonly known = new Map<string, string>();

  constructor(private readonly pools: readonly QueuePoolSpec[]) {}

  poolOf(taskType: string): string {
    let pool = this.known.get(taskType);
    if (pool === undefined) {
      pool = this.pools.find((spec) => spec.types.some((pattern) => matches(pattern, taskType)))?.name ?? DEFAULT_POOL;
      this.known.set(taskType, pool);
    }
    return pool;
  }

  /** Every pool name, `default` first. */
  names(): string[] {
    return [DEFAULT_POOL, ...this.pools.map((spec) => spec.name)];
  }
}

function matches(pattern: string, taskType: string): boolean {
  return pattern.endsWith('*') ? taskType.startsWith(pattern.slice(0, -1)) : pattern === taskType;
}
