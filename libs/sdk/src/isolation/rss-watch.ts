import { readFile } from 'node:fs/promises';

const VM_RSS = /^VmRSS:\s+(\d+)\s+kB/m;

/**
 * Polls a process's resident memory (Linux /proc/<pid>/status) and calls
 * onExceeded once it passes limitMb. Elsewhere it watches nothing. Returns a
 * stop function.
 */
export function watchRss(pid: number, limitMb: number, onExceeded: () => void, intervalMs = 200): () => void {
  if (process.platform !== 'linux' || pid <= 0) return () => undefined;
  let stopped = false;
  const timer = setInterval(() => {
    readFile(`/proc/${pid}/status`, 'utf8').then(
      (status) => {
        const rssKb = Number(VM_RSS.exec(status)?.[1] ?? 0);
        if (!stopped && rssKb / 1_024 > limitMb) {
          stopped = true;
          clearInterval(timer);
          onExceeded();
        }
      },
      () => undefined,
    );
  }, intervalMs);
  timer.unref();
  return () => {
    stopped = true;
    clearInterval(timer);
  };
}
