import { SpanKind, SpanStatusCode, type Span } from '@opentelemetry/api';
import type { TaskJobData } from '@taskloom/queue';
import { contextOf, inSpan, metrics, tracingActive } from '@taskloom/telemetry';

/** The ids every log line about an attempt carries, so one grep finds a run's or a task's whole story. */
export function attemptFields(task: TaskJobData): Record<string, string | number> {
  return { runId: task.runId, taskId: task.taskId, taskKey: task.key, taskType: task.type, attempt: task.attempt };
}

/**
 * Runs an attempt inside a span that is a child of the dispatch which queued
 * it (the job's `traceparent`), so a run is one trace across the api, router
 * and executor processes. Untraced, it just runs.
 */
export function traceAttempt<T>(task: TaskJobData, executorId: string, work: (span?: Span) => Promise<T>): Promise<T> {
  if (!tracingActive()) return work();
  return inSpan(
    'taskloom.task.attempt',
    {
      kind: SpanKind.CONSUMER,
      parent: contextOf(task.traceparent),
      attributes: {
        'taskloom.run_id': task.runId,
        'taskloom.task_id': task.taskId,
        'taskloom.task_key': task.key,
        'taskloom.task_type': task.type,
        'taskloom.attempt': task.attempt,
        'taskloom.executor_id': executorId,
      },
    },
    work,
  );
}

/** A failed attempt marks its span as an error without throwing: the outcome is recorded, not raised. */
export function markAttemptSpan(
  span: Span | undefined,
  status: 'succeeded' | 'failed',
  error?: { name?: string; message?: string },
): void {
  if (!span) return;
  span.setAttribute('taskloom.outcome', status);
  if (status === 'failed')
    span.setStatus({ code: SpanStatusCode.ERROR, message: `${error?.name ?? 'Error'}: ${error?.message ?? ''}` });
}

/** Synchronous counter and histogram updates only: nothing here waits. */
export function countAttempt(
  type: string,
  status: 'succeeded' | 'failed',
  durationMs: number,
  retryable: boolean,
): void {
  if (status === 'succeeded') metrics.tasksCompleted.inc({ type });
  else metrics.tasksFailed.inc({ type, retryable: String(retryable) });
  metrics.taskDuration.observe({ type, status }, durationMs / 1000);
}

/** From the job entering its queue (BullMQ's timestamp, the router's clock) to this executor picking it up. */
export function observeQueueWait(type: string, enqueuedAt: number): void {
  metrics.taskQueueWait.observe({ type }, Math.max(0, Date.now() - enqueuedAt) / 1000);
}
