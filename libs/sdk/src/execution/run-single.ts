import type { Isolate } from '../isolation/invocation';
import { failed, succeeded } from './attempt-result';
import type { ExecutionResult } from './execution-types';
import { LogBuffer } from './log-buffer';
import { heartbeatOf, refOf, type PreparedAttempt } from './prepared-attempt';
import { parseOutput } from './validation';

/** One attempt of a non-batching task type: run the handler in its isolate, validate the output. */
export async function runSingle(attempt: PreparedAttempt, isolate: Isolate): Promise<ExecutionResult> {
  const { task, req } = attempt;
  const logs = new LogBuffer(attempt.logLimits);
  const outcome = await isolate.invoke({
    taskType: task.type,
    mode: 'run',
    payload: attempt.input,
    refs: [refOf(req)],
    timeoutMs: attempt.timeoutMs,
    memoryMb: attempt.memoryMb,
    signal: req.signal,
    logs,
    logLimits: attempt.logLimits,
    maxOutputBytes: attempt.maxOutputBytes,
    onHeartbeat: heartbeatOf(req),
  });
  if (!outcome.ok) return failed(outcome.error, logs.lines(), attempt.startedAt);
  const output = parseOutput(task.type, task.output, outcome.value, 'output', attempt.maxOutputBytes);
  return output.ok
    ? succeeded(output.value, logs.lines(), attempt.startedAt)
    : failed(output.error, logs.lines(), attempt.startedAt);
}
