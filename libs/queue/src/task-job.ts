import type { RetryPolicy } from '@taskloom/engine';

/** The payload of every task job: all an executor needs to run one attempt without reading PostgreSQL. */
export interface TaskJobData {
  taskId: string;
  runId: string;
  /** The definition version the run is pinned to: the executor's completion finds dependents in its plan. */
  definitionId: string;
  key: string;
  type: string;
  attempt: number;
  maxAttempts: number;
  input: unknown;
  timeoutMs: number;
  /** The task's retry policy as its definition declared it; null: the task type's default. */
  retry: RetryPolicy | null;
  priority: number;
  /** When the task became ready (epoch ms), to measure dispatch latency. */
  readyAt: number;
  /** W3C trace context of the dispatch (or, untraced router, of the run): the attempt span's parent. */
  traceparent?: string;
  /** Times an executor that does not host this type put the job back (ADR 0024); not redeliveries of a lost attempt. */
  handedBack?: number;
}
