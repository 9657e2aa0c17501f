import type { RetryPolicy } from '@taskloom/engine';
import type { ClaimedTask } from './task.rows';

/** The columns a queue job is made of, as the router's claim and the reconciler read them. */
export interface ClaimedTaskRow {
  id: string;
  run_id: string;
  definition_id: string;
  key: string;
  type: string;
  attempt: number;
  max_attempts: number;
  input: unknown;
  timeout_ms: number;
  retry: RetryPolicy | null;
  priority: number;
  queue: string;
  available_at: Date;
  traceparent: string | null;
}

export function toClaimedTask(row: ClaimedTaskRow): ClaimedTask {
  return {
    taskId: row.id,
    runId: row.run_id,
    definitionId: row.definition_id,
    key: row.key,
    type: row.type,
    attempt: row.attempt,
    maxAttempts: row.max_attempts,
    input: row.input,
    timeoutMs: row.timeout_ms,
    retry: row.retry,
    priority: row.priority,
    queue: row.queue,
    readyAt: row.available_at.getTime(),
    ...(row.traceparent ? { traceparent: row.traceparent } : {}),
  };
}
