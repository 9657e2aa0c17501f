import type { ResourceNeed } from './resource-gate';

export interface ExecutorCapacity {
  cpu: number;
  memoryMb: number;
  concurrency: number;
}

/**
 * The most tasks of one type this executor runs at once: as many as its
 * resource profile fits into the executor's cpu and memory, at most
 * EXECUTOR_CONCURRENCY, at least one. It sizes both the type's BullMQ
 * workers and its thread/process pool, so no admitted task waits for a worker.
 */
export function typeConcurrency(need: ResourceNeed, capacity: ExecutorCapacity): number {
  const fitting = Math.floor(
    Math.min(capacity.cpu / Math.max(need.cpu, 1e-3), capacity.memoryMb / Math.max(need.memoryMb, 1)),
  );
  return Math.max(1, Math.min(capacity.concurrency, fitting));
}
