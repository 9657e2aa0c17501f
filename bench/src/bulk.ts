import { busyPercent, machineCpu } from './cpu';
import { cpuMsPerTask } from './cpu-ledger';
import type { HttpClient } from './http-load';
import { waitForRuns, type PhaseContext } from './phases';

export interface BatchSubmitResult {
  /** Runs the answers said were created. */
  created: number;
  /** Items answered `existing` or `rejected`, and requests answered other than 200, by what they were. */
  refused: Record<string, number>;
  /** One example body per kind of refusal, to say why. */
  samples: Record<string, string>;
  seconds: number;
  /** The id of the last run created, by the request answered last. */
  lastRunId: string | undefined;
}

interface BatchAnswer {
  items: { result: string; id?: string; error?: unknown }[];
}

/**
 * Closed loop over `POST /workflows/{name}/runs:batch`: `workers` requests
 * in flight, each carrying up to `batchSize` runs, the next sent as soon as
 * an answer arrives.
 */
export async function submitBatches(
  api: HttpClient,
  workflow: string,
  runs: number,
  batchSize: number,
  workers: number,
  onProgress: (sent: number) => void,
): Promise<BatchSubmitResult> {
  const result: BatchSubmitResult = { created: 0, refused: {}, samples: {}, seconds: 0, lastRunId: undefined };
  const refuse = (kind: string, sample: string) => {
    result.refused[kind] = (result.refused[kind] ?? 0) + 1;
    result.samples[kind] ??= sample.slice(0, 300);
  };
  const startedAt = performance.now();
  let next = 0;
  const loop = async () => {
    while (next < runs) {
      const first = next;
      const size = Math.min(batchSize, runs - first);
      next += size;
      const body = { runs: Array.from({ length: size }, (_, k) => ({ input: { i: first + k } })) };
      try {
        const answer = await api.send('POST', `/api/v1/workflows/${workflow}/runs:batch`, body);
        if (answer.status !== 200) {
          refuse(String(answer.status), answer.body);
          continue;
        }
        for (const item of (JSON.parse(answer.body) as BatchAnswer).items) {
          if (item.result === 'created') {
            result.created += 1;
            result.lastRunId = item.id;
          } else refuse(item.result, JSON.stringify(item.error ?? item));
        }
      } catch (error) {
        refuse('error', (error as Error).message);
      }
      onProgress(next);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(workers, Math.ceil(runs / batchSize))) }, loop));
  result.seconds = (performance.now() - startedAt) / 1000;
  return result;
}

export interface BulkResult {
  runs: number;
  batchSize: number;
  workers: number;
  created: number;
  refused: Record<string, number>;
  samples: Record<string, string>;
  submitSeconds: number;
  /** Runs accepted per second of submission: the figure to compare with single starts' "submitted at". */
  runsPerSecond: number;
  /** Tasks per second from the first request until every created run ended. */
  tasksPerSecond: number;
  seconds: number;
  machineCpuBusy: number;
  cpuMsPerTask: Record<string, number>;
  ended: number;
  unsuccessfulRuns: number;
  timedOut: boolean;
}

/**
 * Bulk submission: the runs of a single-task workflow started `batchSize`
 * at a time, as fast as the api takes them, then drained like the
 * throughput phases — so its submission rate compares with the single
 * starts of the e2e single-task phase in the same bench run.
 */
export async function bulkSubmission(
  ctx: PhaseContext,
  workflow: string,
  runs: number,
  batchSize: number,
  workers: number,
): Promise<BulkResult> {
  const startedAt = performance.now();
  const cpuBefore = machineCpu();
  const ticksBefore = ctx.cpu();
  const submitted = await submitBatches(ctx.api, workflow, runs, batchSize, workers, (sent) =>
    ctx.progress.update(`${sent}/${runs} submitted`),
  );
  const outcome = await waitForRuns(ctx, workflow, submitted.created, (count) =>
    ctx.progress.update(`${count}/${submitted.created} runs done`),
  );
  const machineCpuBusy = busyPercent(cpuBefore, machineCpu());
  const seconds = (outcome.endedAt - startedAt) / 1000;
  return {
    runs,
    batchSize,
    workers,
    created: submitted.created,
    refused: submitted.refused,
    samples: submitted.samples,
    submitSeconds: submitted.seconds,
    runsPerSecond: submitted.created / submitted.seconds,
    tasksPerSecond: (outcome.terminal - outcome.unsuccessful) / seconds,
    seconds,
    machineCpuBusy,
    cpuMsPerTask: cpuMsPerTask(ticksBefore, ctx.cpu(), submitted.created),
    ended: outcome.terminal,
    unsuccessfulRuns: outcome.unsuccessful,
    timedOut: outcome.timedOut,
  };
}
