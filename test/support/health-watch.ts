import { spawn } from 'node:child_process';
import { join } from 'node:path';

export interface HealthWatch {
  /** Stops polling; resolves to every answer slower than the bound (or missing), described. */
  stop: () => Promise<string[]>;
}

/**
 * Polls `url` from a process of its own (health-watcher.cjs) until stopped,
 * recording every answer slower than `withinMs`: the test process generates
 * the load, and its own busy moments must not count as the app's.
 */
export function watchHealth(url: string, everyMs: number, withinMs: number): HealthWatch {
  const watcher = spawn(
    process.execPath,
    [join(__dirname, 'health-watcher.cjs'), url, String(everyMs), String(withinMs)],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  let output = '';
  watcher.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise((resolve) => watcher.once('exit', resolve));
  return {
    stop: async () => {
      watcher.kill('SIGTERM');
      await exited;
      return JSON.parse(output) as string[];
    },
  };
}
