/**
 * Child process of the raw BullMQ phase: a no-op Worker, alone in its
 * process like the executor's workers are, reporting through IPC when it
 * has completed the expected number of jobs.
 */
import { Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { requiredEnv } from './child-env';

const PROGRESS_MS = 250;

const required = (name: string) => requiredEnv('raw-worker', name);

async function main(): Promise<void> {
  const expected = Number(required('RAW_EXPECTED'));
  // maxRetriesPerRequest: null, as the executor's connection, because workers block.
  const connection = new Redis(required('REDIS_URL'), { maxRetriesPerRequest: null });
  const worker = new Worker(required('RAW_QUEUE'), async () => undefined, {
    connection,
    prefix: required('REDIS_PREFIX'),
    concurrency: Number(required('RAW_CONCURRENCY')),
  });
  let completed = 0;
  // 'completed' fires after BullMQ has moved the job to finished in Redis,
  // so the count includes the whole round trip, not only the handler.
  worker.on('completed', () => {
    completed += 1;
    if (completed === expected) process.send?.({ type: 'done', completed });
  });
  worker.on('error', (error) => process.stderr.write(`raw worker error: ${error.message}\n`));
  const progress = setInterval(() => process.send?.({ type: 'progress', completed }), PROGRESS_MS);

  const stop = () => {
    clearInterval(progress);
    void worker.close().finally(() => {
      connection.disconnect();
      process.exit(0);
    });
  };
  process.once('SIGTERM', stop);
  process.once('disconnect', stop);

  await worker.waitUntilReady();
  process.send?.({ type: 'ready' });
}

main().catch((error: unknown) => {
  process.stderr.write(`raw worker failed: ${String((error as Error)?.stack ?? error)}\n`);
  process.exit(1);
});
