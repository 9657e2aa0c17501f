import { SpanKind, type Span } from '@opentelemetry/api';
import type { ClaimedTask } from '@taskloom/persistence';
import { contextOf, failSpan, traceparentOf, tracer } from '@taskloom/telemetry';

/**
 * One span per task the router hands to a queue, a child of the task's run
 * trace. Its context becomes the job's `traceparent`, so the executor's
 * attempt span is a child of the dispatch that queued it.
 */
export class DispatchSpans {
  private readonly spans = new Map<string, Span>();

  constructor(tasks: readonly ClaimedTask[]) {
    for (const task of tasks) {
      const span = tracer.startSpan(
        'taskloom.task.dispatch',
        {
          kind: SpanKind.PRODUCER,
          attributes: {
            'taskloom.run_id': task.runId,
            'taskloom.task_id': task.taskId,
            'taskloom.task_key': task.key,
            'taskloom.task_type': task.type,
            'taskloom.attempt': task.attempt,
            'messaging.destination.name': task.queue,
          },
        },
        contextOf(task.traceparent),
      );
      this.spans.set(task.taskId, span);
    }
  }

  traceparentOf(task: ClaimedTask): string | null {
    const span = this.spans.get(task.taskId);
    return span ? traceparentOf(span) : (task.traceparent ?? null);
  }

  end(error?: unknown): void {
    for (const span of this.spans.values()) {
      if (error !== undefined) failSpan(span, error);
      span.end();
    }
  }
}
