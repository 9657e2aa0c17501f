/**
 * Child of the raw floor phase: adds router-shaped jobs at RAW_RATE per
 * second, each as it falls due and in an addBulk of its own, as a router
 * does when each of its rounds claims one task. Starts on the parent's
 * `start` message and stops on SIGTERM.
 */
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { requiredEnv } from './child-env';
import { rawJob } from './raw-bullmq';

const required = (name: string) => requiredEnv('raw-producer', name);

async function main(): Promise<void> {
  const rate = Number(required('RAW_RATE'));
  const connection = new Redis(required('REDIS_URL'), { maxRetriesPerRequest: null });
  const queue = new Queue(required('RAW_QUEUE'), { connection, prefix: required('REDIS_PREFIX') });
  let timer: NodeJS.Timeout | undefined;
  let stopping = false;
  let sent = 0;

  const produce = async (startedAt: number) => {
    while (!stopping && sent < ((performance.now() - startedAt) / 1000) * rate) {
      await queue.addBulk([rawJob(sent)]);
      sent += 1;
    }
    // A timer to the next job's due time, not a polling interval: the producer wakes once per job.
    if (!stopping)
      timer = setTimeout(
        () => void produce(startedAt),
        Math.max(0, startedAt + ((sent + 1) / rate) * 1000 - performance.now()),
      );
  };

  process.once('SIGTERM', () => {
    stopping = true;
    clearTimeout(timer);
    void queue.close().finally(() => {
      connection.disconnect();
      process.exit(0);
    });
  });
  process.on('message', (message: { type: string }) => {
    if (message.type === 'start') void produce(performance.now());
  });
  await queue.waitUntilReady();
  process.send?.({ type: 'ready' });
}

main().catch((error: unknown) => {
  process.stderr.write(`raw producer failed: ${String((error as Error)?.stack ?? error)}\n`);
  process.exit(1);
});
