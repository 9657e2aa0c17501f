/** Body of the parent watchdog thread (see parent-watchdog.ts). workerData: { ppid, intervalMs }. */
import { workerData } from 'node:worker_threads';

const { ppid, intervalMs } = workerData as { ppid: number; intervalMs: number };
setInterval(() => {
  if (process.ppid !== ppid) process.kill(process.pid, 'SIGKILL');
}, intervalMs);
