import { isTerminalRunStatus, type Run } from '../api-types';
import type { WaitOptions, WatchOptions } from '../client-options';
import { RunWaitTimeoutError } from '../errors/taskloom-errors';
import { abortableSleep } from '../util/abortable-sleep';

export const DEFAULT_WATCH_INTERVAL_MS = 1000;

type ReadRun = (id: string) => Promise<Run>;

/**
 * Polls the run and yields it whenever it changed (its status, or any of
 * its tasks'), ending after the terminal snapshot. Polling rather than a
 * stream: the api has no push channel, and one GET per interval is cheap.
 */
export async function* watchRun(read: ReadRun, id: string, options: WatchOptions = {}): AsyncGenerator<Run> {
  const interval = options.intervalMs ?? DEFAULT_WATCH_INTERVAL_MS;
  let last: string | undefined;
  for (;;) {
    options.signal?.throwIfAborted();
    const run = await read(id);
    const fingerprint = JSON.stringify(run);
    if (fingerprint !== last) {
      last = fingerprint;
      yield run;
    }
    if (isTerminalRunStatus(run.status)) return;
    await abortableSleep(interval, options.signal);
  }
}

/** Waits until the run is terminal and returns it; RunWaitTimeoutError after `timeoutMs`. */
export async function waitForRun(read: ReadRun, id: string, options: WaitOptions = {}): Promise<Run> {
  const signals = [
    options.signal,
    options.timeoutMs === undefined ? undefined : AbortSignal.timeout(options.timeoutMs),
  ];
  const signal = AbortSignal.any(signals.filter((s): s is AbortSignal => s !== undefined));
  let latest: Run | undefined;
  try {
    for await (const run of watchRun(read, id, { ...options, signal })) latest = run;
  } catch (error) {
    if (options.timeoutMs !== undefined && signal.aborted && !options.signal?.aborted) {
      throw new RunWaitTimeoutError(id, options.timeoutMs);
    }
    throw error;
  }
  return latest!;
}
