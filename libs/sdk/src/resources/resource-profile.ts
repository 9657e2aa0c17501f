/** Named machine presets a task type can declare instead of raw numbers. */
export type ResourceProfileName = 'default' | 'cpu-intensive' | 'memory-intensive' | 'io-intensive';

/**
 * What one attempt of a task may use. `cpu` is in cores (executor admission),
 * `memoryMb` is the JS heap limit of a thread or process worker (and admission),
 * `timeoutMs` the attempt's wall-clock limit once it starts running.
 */
export interface ResourceProfile {
  name: string;
  cpu: number;
  memoryMb: number;
  timeoutMs: number;
}

export const RESOURCE_PROFILES: Readonly<Record<ResourceProfileName, Readonly<ResourceProfile>>> = Object.freeze({
  default: Object.freeze({ name: 'default', cpu: 0.25, memoryMb: 256, timeoutMs: 30_000 }),
  'cpu-intensive': Object.freeze({ name: 'cpu-intensive', cpu: 1, memoryMb: 512, timeoutMs: 300_000 }),
  'memory-intensive': Object.freeze({ name: 'memory-intensive', cpu: 0.5, memoryMb: 2_048, timeoutMs: 300_000 }),
  // Waiting on the network costs an in-process task almost nothing; a small reservation lets
  // one executor keep many in flight (64 with the default EXECUTOR_CPU and EXECUTOR_MEMORY_MB).
  'io-intensive': Object.freeze({ name: 'io-intensive', cpu: 0.02, memoryMb: 32, timeoutMs: 60_000 }),
});

export const RESOURCE_PROFILE_NAMES = Object.keys(RESOURCE_PROFILES) as ResourceProfileName[];

/** A named profile, optionally with some of its numbers overridden. */
export interface ResourceOverrides {
  profile?: ResourceProfileName;
  cpu?: number;
  memoryMb?: number;
  timeoutMs?: number;
}

export type ResourceSpec = ResourceProfileName | ResourceOverrides;
