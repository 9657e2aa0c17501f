import { OutputValidationError, TaskCancelledError, type TaskError } from '../errors/task-errors';
import { cancelReason } from '../isolation/deadline';
import type { Isolate } from '../isolation/invocation';
import type { AnyTaskType } from '../task/task-type';
import { failed, succeeded } from './attempt-result';
import { Batcher } from './batcher';
import type { ExecutionResult } from './execution-types';
import { LogBuffer } from './log-buffer';
import { heartbeatOf, refOf, type PreparedAttempt } from './prepared-attempt';
import { parseOutput } from './validation';

interface BatchItem {
  attempt: PreparedAttempt;
  phase: 'waiting' | 'running' | 'done';
  resolve(result: ExecutionResult): void;
  detach(): void;
}

/**
 * Batching for one task type: concurrent execute() calls with the same
 * timeout and heap size are gathered (up to batch.maxSize, within
 * batch.maxWaitMs) into one runBatch call; each caller gets its own output.
 * A handler error fails every item of that batch; output validation fails
 * only the item whose output is wrong; a wrong-length result fails them all.
 * A cancelled item leaves the batch at once; the call is aborted only when
 * every item in it is cancelled.
 */
export class BatchDispatcher {
  private readonly batchers = new Map<string, Batcher<BatchItem>>();

  constructor(
    private readonly task: AnyTaskType & { batch: NonNullable<AnyTaskType['batch']> },
    private readonly isolateFor: (memoryMb: number) => Isolate,
  ) {}

  submit(attempt: PreparedAttempt): Promise<ExecutionResult> {
    return new Promise<ExecutionResult>((resolve) => {
      const batcher = this.batcherFor(attempt);
      const signal = attempt.req.signal;
      const item: BatchItem = { attempt, phase: 'waiting', resolve, detach: () => undefined };
      if (signal) {
        const onAbort = (): void => {
          if (item.phase === 'waiting') batcher.remove(item);
          finish(item, failed(cancelReason(signal.reason), [], attempt.startedAt));
        };
        signal.addEventListener('abort', onAbort, { once: true });
        item.detach = () => signal.removeEventListener('abort', onAbort);
      }
      batcher.add(item);
    });
  }

  /** Fails every item still waiting to be batched (the host is closing). */
  close(): void {
    const closed = new TaskCancelledError('task host closed');
    for (const batcher of this.batchers.values()) {
      for (const item of batcher.takeWaiting()) finish(item, failed(closed, [], item.attempt.startedAt));
    }
  }

  private batcherFor(attempt: PreparedAttempt): Batcher<BatchItem> {
    const key = `${attempt.timeoutMs}|${attempt.memoryMb}`;
    let batcher = this.batchers.get(key);
    if (!batcher) {
      const { maxSize, maxWaitMs } = this.task.batch;
      batcher = new Batcher<BatchItem>({ maxSize, maxWaitMs }, (items) => this.run(items));
      this.batchers.set(key, batcher);
    }
    return batcher;
  }

  private async run(items: BatchItem[]): Promise<void> {
    const first = items[0].attempt;
    const everyoneLeft = new AbortController();
    const unlisten = items.map((item) => {
      item.phase = 'running';
      const signal = item.attempt.req.signal;
      const onAbort = (): void => {
        if (items.every((i) => i.phase === 'done')) everyoneLeft.abort(cancelReason(signal?.reason));
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      return () => signal?.removeEventListener('abort', onAbort);
    });
    const logs = new LogBuffer(first.logLimits);
    const heartbeats = items.map((item) => heartbeatOf(item.attempt.req));
    const outcome = await this.isolateFor(first.memoryMb).invoke({
      taskType: this.task.type,
      mode: 'runBatch',
      payload: items.map((item) => item.attempt.input),
      refs: items.map((item) => refOf(item.attempt.req)),
      timeoutMs: first.timeoutMs,
      memoryMb: first.memoryMb,
      signal: everyoneLeft.signal,
      logs,
      logLimits: first.logLimits,
      onHeartbeat: (details) => items.forEach((item, i) => item.phase !== 'done' && heartbeats[i](details)),
    });
    unlisten.forEach((stop) => stop());
    const lines = logs.lines();
    if (!outcome.ok) {
      for (const item of items) finish(item, failed(outcome.error, lines, item.attempt.startedAt));
      return;
    }
    const outputs = outcome.value;
    if (!Array.isArray(outputs) || outputs.length !== items.length) {
      const got = Array.isArray(outputs) ? `${outputs.length} outputs` : typeof outputs;
      const error: TaskError = new OutputValidationError(
        `runBatch of ${this.task.type} must return one output per input, in order: got ${got} for ${items.length} inputs`,
      );
      for (const item of items) finish(item, failed(error, lines, item.attempt.startedAt));
      return;
    }
    items.forEach((item, i) => {
      const output = parseOutput(
        this.task.type,
        this.task.output,
        outputs[i],
        `output[${i}]`,
        item.attempt.maxOutputBytes,
      );
      finish(
        item,
        output.ok
          ? succeeded(output.value, lines, item.attempt.startedAt)
          : failed(output.error, lines, item.attempt.startedAt),
      );
    });
  }
}

function finish(item: BatchItem, result: ExecutionResult): void {
  if (item.phase === 'done') return;
  item.phase = 'done';
  item.detach();
  item.resolve(result);
}
