import { cpuMsPerTask } from './cpu-ledger';
import type { Progress } from './progress';
import { rawCpuTicks, startRawChild, type RawOptions } from './raw-bullmq';
import { sleep } from './timing';

/** BullMQ alone at a fixed rate: what its producer, its no-op worker and Redis cost per job and per second. */
export interface RawFloorResult {
  rate: number;
  seconds: number;
  /** CPU ms per job offered, by process: raw-producer, raw-worker, redis. */
  cpuMsPerJob: Record<string, number>;
  /** Cores the producer and the worker used together: what a router and an executor cannot go below at this rate. */
  producerAndWorkerCores: number;
}

/** Jobs flow this long before the measured window, so the worker is past its start-up. */
const SETTLE_MS = 2_000;
const QUEUE = 'raw-floor';

/**
 * The floor under the CPU rows of the fixed-rate phases: BullMQ with no
 * Taskloom around it, at the same rate. A producer child adds one
 * router-shaped job as each falls due (raw-producer.ts), and the raw
 * ceiling's no-op worker takes them with the executor's concurrency. Run
 * before Taskloom starts, so nothing else shares the cores.
 */
export async function rawFloor(
  options: RawOptions,
  rate: number,
  seconds: number,
  progress: Progress,
): Promise<RawFloorResult> {
  progress.start(`raw BullMQ alone at ${rate} jobs/s for ${seconds} s`);
  const queue = `${QUEUE}-${rate}`;
  const { worker } = await startRawChild(options, 'raw-worker.js', `raw-floor-worker-${rate}`, {
    RAW_QUEUE: queue,
    RAW_CONCURRENCY: String(options.concurrency),
    // Never reached: the worker runs until it is stopped.
    RAW_EXPECTED: String(Number.MAX_SAFE_INTEGER),
  });
  const { worker: producer } = await startRawChild(options, 'raw-producer.js', `raw-floor-producer-${rate}`, {
    RAW_QUEUE: queue,
    RAW_RATE: String(rate),
  });
  try {
    const roles = new Map([
      [producer.process.pid!, 'raw-producer'],
      [worker.process.pid!, 'raw-worker'],
    ]);
    producer.process.send({ type: 'start' });
    await sleep(SETTLE_MS);
    const before = rawCpuTicks(roles);
    const startedAt = performance.now();
    await sleep(seconds * 1000);
    const after = rawCpuTicks(roles);
    const measured = (performance.now() - startedAt) / 1000;
    const cpuMsPerJob = cpuMsPerTask(before, after, rate * measured);
    const producerAndWorkerMs = (cpuMsPerJob['raw-producer'] ?? 0) + (cpuMsPerJob['raw-worker'] ?? 0);
    return { rate, seconds: measured, cpuMsPerJob, producerAndWorkerCores: (producerAndWorkerMs * rate) / 1000 };
  } finally {
    await producer.stop(5_000);
    await worker.stop(5_000);
  }
}
