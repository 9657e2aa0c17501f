import type { Run, TaskloomClient } from '@taskloom/client';
import { line, type CliIo } from '../cli-io';
import { exitCodeFor } from '../exit-codes';
import { coloursFor, paintStatus } from '../output/colours';
import { elapsed } from '../output/durations';
import { printJson } from '../output/print-json';
import { progressDisplay } from '../progress/progress-display';
import { runProgress } from '../progress/run-progress';

export interface FollowOptions {
  json?: boolean;
  intervalMs: number;
  timeoutMs?: number;
}

/**
 * Watches a run to its end: progress on stderr (unless --json), then its
 * outcome on stdout, and the exit code by outcome (0 succeeded, 1 failed,
 * 2 cancelled).
 */
export async function followRun(client: TaskloomClient, io: CliIo, id: string, options: FollowOptions): Promise<void> {
  const display = options.json ? undefined : progressDisplay(io.stderr);
  const signal = options.timeoutMs === undefined ? undefined : AbortSignal.timeout(options.timeoutMs);
  let last: Run | undefined;
  try {
    for await (const run of client.watchRun(id, { intervalMs: options.intervalMs, signal })) {
      last = run;
      display?.update(run);
    }
  } finally {
    display?.stop();
  }
  const run = last!;
  io.exitCode = exitCodeFor(run.status);
  if (options.json) return printJson(io.stdout, run);
  printOutcome(io, run);
}

function printOutcome(io: CliIo, run: Run): void {
  const colours = coloursFor(io.stdout, io.env);
  const progress = runProgress(run);
  const took = elapsed(run.startedAt ?? run.createdAt, run.finishedAt);
  line(io.stdout, `run ${run.id} ${paintStatus(colours, run.status)}${took ? ` in ${took}` : ''}`);
  if (run.error) line(io.stdout, `  error: ${run.error.message}`);
  if (progress.failed.length > 0) line(io.stdout, `  failed tasks: ${progress.failed.join(', ')}`);
  if (run.status === 'succeeded' && run.output !== null) line(io.stdout, `  output: ${JSON.stringify(run.output)}`);
}
