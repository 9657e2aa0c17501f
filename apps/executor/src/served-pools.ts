import type { QueuePools } from '@taskloom/queue';
import type { HostedTaskType } from './plugin-host.service';

export interface ServedPool {
  name: string;
  /** The served task types the pool carries; a job of another type in its queues is handed back. */
  types: HostedTaskType[];
}

/**
 * The pools this executor polls: EXECUTOR_POOLS, or else the pools of the
 * task types it serves (ADR 0024). Each comes with the served types it
 * carries, which size its workers and its admission.
 */
export function servedPools(
  served: readonly HostedTaskType[],
  pools: QueuePools,
  wanted: readonly string[] | undefined,
): ServedPool[] {
  const names = wanted ?? [...new Set(served.map((hosted) => pools.poolOf(hosted.taskType.type)))];
  return names.map((name) => ({
    name,
    types: served.filter((hosted) => pools.poolOf(hosted.taskType.type) === name),
  }));
}
