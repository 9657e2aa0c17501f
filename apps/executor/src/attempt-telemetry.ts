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

/** One type's metric series, looked up once: prom-client hashes the labels on every call otherwise. */
interface TypeSeries {
  completed: ReturnType<typeof metrics.tasksCompleted.labels>;
  succeededSeconds: ReturnType<typeof metrics.taskDuration.labels>;
  failedSeconds: ReturnType<typeof metrics.taskDuration.labels>;
  queueWait: ReturnType<typeof metrics.taskQueueWait.labels>;
}

const seriesByType = new Map<string, TypeSeries>();

function seriesOf(type: string): TypeSeries {
  let series = seriesByType.get(type);
  if (!series) {
    series = {
      completed: metrics.tasksCompleted.labels({ type }),
      succeededSeconds: metrics.taskDuration.labels({ type, status: 'succeeded' }),
      failedSeconds: metrics.taskDuration.labels({ type, status: 'failed' }),
      queueWait: metrics.taskQueueWait.labels({ type }),
    };
    seriesByType.set(type, series);
  }
  return series;
}

/** Synchronous counter and histogram updates only: nothing here waits. */
export function countAttempt(
  type: string,
  status: 'succeeded' | 'failed',
  durationMs: number,
  retryable: boolean,
): void {
  const series = seriesOf(type);
  if (status === 'succeeded') {
    series.completed.inc();
    series.succeededSeconds.observe(durationMs / 1000);
  } else {
    metrics.tasksFailed.inc({ type, retryable: String(retryable) });
    series.failedSeconds.observe(durationMs / 1000);
  }
}

/** From the job entering its queue (BullMQ's timestamp, the router's clock) to this executor picking it up. */
export function observeQueueWait(type: string, enqueuedAt: number): void {
  seriesOf(type).queueWait.observe(Math.max(0, Date.now() - enqueuedAt) / 1000);
}
