export interface QueueCounts {
  waiting: number;
  active: number;
  delayed: number;
  failed: number;
  paused: number;
}

export interface QueueView {
  name: string;
  partition: number;
  taskType: string;
  paused: boolean;
  counts: QueueCounts;
}

export interface ExecutorView {
  id: string;
  hostname: string;
  pid: number;
  taskTypes: string[];
  queues: number;
  capacity: { cpu: number; memoryMb: number; concurrency: number };
  load: { cpu: number; memoryMb: number; active: number };
  utilisation: { cpu: number; memory: number; slots: number };
  heartbeatAt: string;
}

export interface Stats {
  runs: Record<string, number>;
  tasks: Record<string, number>;
  partitions: (QueueCounts & { partition: number; queues: number; pausedQueues: number })[];
  queues: QueueView[];
  executors: {
    live: number;
    capacity: { cpu: number; memoryMb: number; concurrency: number };
    load: { cpu: number; memoryMb: number; active: number };
  };
  generatedAt: string;
}
