import path from 'node:path';
import { Worker } from 'node:worker_threads';

/**
 * Kills this child process when its parent dies, even if the main thread is
 * stuck in a synchronous loop and can never see the IPC 'disconnect' event:
 * a tiny thread polls process.ppid, which changes when the child is orphaned.
 */
export function startParentWatchdog(intervalMs = 250): void {
  const watchdog = new Worker(path.join(__dirname, 'parent-watchdog-thread.js'), {
    workerData: { ppid: process.ppid, intervalMs },
    resourceLimits: { maxOldGenerationSizeMb: 8, maxYoungGenerationSizeMb: 2 },
    stdout: false,
    stderr: false,
  });
  watchdog.unref();
  watchdog.on('error', () => undefined);
}
