/** A run as it is inserted; the insert statements are built from it. */
export interface NewRunRow {
  id: string;
  definitionId: string;
  workflowName: string;
  workflowVersion: number;
  priority: number;
  input: unknown;
  tenant: string;
  idempotencyKey: string | null;
  tags: string[];
  parentTaskId: string | null;
  tasksRemaining: number;
  deadlineAt: Date | null;
  /** W3C trace context the run's tasks are traced under; absent when tracing is off. */
  traceparent?: string | null;
}
