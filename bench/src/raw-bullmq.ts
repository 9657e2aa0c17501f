import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { busyPercent, machineCpu } from './cpu';
import { cpuMsPerTask, cpuTicks } from './cpu-ledger';
import { Child } from './processes';
import type { Progress } from './progress';
import { withTimeout } from './timing';

export interface RawResult {
  jobs: number;
  concurrency: number;
  batchSize: number;
  seconds: number;
  jobsPerSecond: number;
  /** How fast addBulk alone went, to tell a slow producer from a slow worker. */
  enqueuedPerSecond: number;
  workerPeakRssMb: number;
  workerCpuSeconds: number;
  /** Machine CPU busy while jobs flowed, %. */
  machineCpuBusy: number;
  /** CPU ms per job of the producer (the bench), the worker and Redis: the saturated cost the raw floor is compared with. */
  cpuMsPerJob: Record<string, number>;
}

export interface RawOptions {
  /** The worker's process (and log file) name. */
  name: string;
  jobs: number;
  concurrency: number;
  redisUrl: string;
  redisPrefix: string;
  logDir: string;
  nodeArgs: (name: string) => string[];
  timeoutMs: number;
  children: Set<Child>;
}

const BATCH_SIZE = 500;
const QUEUE = 'raw-noop';

/**
 * The ceiling Taskloom is measured against: BullMQ alone, with jobs shaped
 * like the router's (custom job id, a priority, removed on completion) and
 * a no-op worker with the executor's concurrency in its own process. The
 * producer awaits each addBulk, as the router does per claimed batch.
 */
export async function runRawBullmq(options: RawOptions, progress: Progress): Promise<RawResult> {
  let completed = 0;
  const { worker, done } = await startRawChild(
    options,
    'raw-worker.js',
    options.name,
    {
      RAW_QUEUE: QUEUE,
      RAW_CONCURRENCY: String(options.concurrency),
      RAW_EXPECTED: String(options.jobs),
    },
    (count) => (completed = count),
  );
  const connection = new Redis(options.redisUrl, { maxRetriesPerRequest: null });
  const queue = new Queue(QUEUE, { connection, prefix: options.redisPrefix });
  try {
    await queue.waitUntilReady();

    // The bench itself is this phase's producer.
    const roles = new Map([
      [process.pid, 'raw-producer'],
      [worker.process.pid!, options.name],
    ]);
    const ticksBefore = rawCpuTicks(roles);
    const startedAt = performance.now();
    const cpuBefore = machineCpu();
    let enqueuedAt = startedAt;
    const produce = (async () => {
      for (let sent = 0; sent < options.jobs; sent += BATCH_SIZE) {
        const size = Math.min(BATCH_SIZE, options.jobs - sent);
        await queue.addBulk(Array.from({ length: size }, (_, i) => rawJob(sent + i)));
      }
      enqueuedAt = performance.now();
    })();
    const ticker = setInterval(() => progress.update(`${completed}/${options.jobs} jobs`), 250);
    try {
      await withTimeout(Promise.all([produce, done]), options.timeoutMs, 'raw BullMQ jobs');
    } finally {
      clearInterval(ticker);
    }
    const seconds = (performance.now() - startedAt) / 1000;
    return {
      jobs: options.jobs,
      concurrency: options.concurrency,
      batchSize: BATCH_SIZE,
      seconds,
      jobsPerSecond: options.jobs / seconds,
      enqueuedPerSecond: options.jobs / ((enqueuedAt - startedAt) / 1000),
      workerPeakRssMb: worker.peakRssMb(),
      workerCpuSeconds: worker.cpuSeconds(),
      machineCpuBusy: busyPercent(cpuBefore, machineCpu()),
      cpuMsPerJob: cpuMsPerTask(ticksBefore, rawCpuTicks(roles), options.jobs),
    };
  } finally {
    await queue.close();
    connection.disconnect();
    await worker.stop(5_000);
  }
}

/**
 * A raw child (worker or producer) started and ready. `done` resolves when
 * a worker reports it has completed what it was told to expect.
 */
export async function startRawChild(
  options: RawOptions,
  script: string,
  name: string,
  env: Record<string, string>,
  onProgress: (completed: number) => void = () => undefined,
): Promise<{ worker: Child; done: Promise<void> }> {
  const worker = new Child({
    name,
    script: join(__dirname, script),
    env: { REDIS_URL: options.redisUrl, REDIS_PREFIX: options.redisPrefix, ...env },
    logDir: options.logDir,
    nodeArgs: options.nodeArgs(name),
    ipc: true,
  });
  options.children.add(worker);
  let resolveDone!: () => void;
  const done = new Promise<void>((resolve) => (resolveDone = resolve));
  const ready = new Promise<void>((resolve, reject) => {
    worker.process.on('message', (message: { type: string; completed?: number }) => {
      if (message.type === 'ready') resolve();
      if (message.type === 'progress') onProgress(message.completed ?? 0);
      if (message.type === 'done') resolveDone();
    });
    void worker.exited.then((code) => reject(new Error(`${name} exited (${code}) early; see ${worker.logFile}`)));
  });
  await withTimeout(ready, 30_000, `${name} start`);
  return { worker, done };
}

/** CPU ticks of the raw phases' processes, by role: the given ones (children, or the bench as a producer) and Redis. */
export function rawCpuTicks(processes: ReadonlyMap<number, string>): Record<string, number> {
  const roles = new Set([...processes.values(), 'redis']);
  // No PostgreSQL database is measured: nothing of Taskloom runs yet.
  return Object.fromEntries(Object.entries(cpuTicks(processes, '')).filter(([role]) => roles.has(role)));
}

/** The size and options of a router job (TaskJobData), so Redis does the same work per job. */
export function rawJob(i: number) {
  const taskId = randomUUID();
  return {
    name: 'task',
    data: {
      taskId,
      runId: randomUUID(),
      key: 't',
      type: 'core.noop',
      attempt: 1,
      maxAttempts: 3,
      input: { i },
      timeoutMs: 30_000,
      retry: null,
      priority: 1,
      readyAt: Date.now(),
    },
    // Priority 3 is the "normal" class: every Taskloom job goes through BullMQ's prioritized set.
    opts: { jobId: `${taskId}.1`, priority: 3, removeOnComplete: true, removeOnFail: true },
  };
}
