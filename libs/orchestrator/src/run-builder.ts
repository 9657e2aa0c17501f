import type { JsonValue } from '@taskloom/engine';
import { newRowId, type NewRunRow, type NewTaskRow } from '@taskloom/persistence';
import { priorityRank } from '@taskloom/queue';
import type { CompiledWorkflow } from './plan-cache.service';

export interface RunRequest {
  input: JsonValue;
  /** Rank of the run's priority class; absent means the definition's default. */
  priorityRank?: number;
  tenant: string;
  tags: string[];
  idempotencyKey: string | null;
  parentTaskId: string | null;
  /** The run's deadline from now, over the definition's `defaults.runTimeoutMs`. */
  runTimeoutMs?: number;
  /** W3C trace context of whatever started the run (a request, a parent run); its tasks join that trace. */
  traceparent?: string | null;
  /** A later start: the run is 'scheduled' until then. */
  startAt?: Date | null;
}

export interface BuiltRun {
  run: NewRunRow;
  tasks: NewTaskRow[];
  roots: { id: string; runId: string; key: string }[];
}

/**
 * Turns a compiled workflow and a start request into the rows of a new run:
 * every task starts 'blocked' with its dependency count; the roots are
 * activated right after the insert, in the same transaction.
 */
export function buildRun(workflow: CompiledWorkflow, request: RunRequest): BuiltRun {
  const runId = newRowId();
  const { plan } = workflow;
  const runPriority = request.priorityRank ?? priorityRank(plan.definition.defaults?.priority ?? 'normal');
  const tasks: NewTaskRow[] = plan.tasks.map((task) => ({
    id: newRowId(),
    runId,
    tenant: request.tenant,
    key: task.key,
    kind: task.kind === 'task' && task.forEach ? 'foreach' : task.kind,
    type: task.type ?? null,
    status: 'blocked',
    priority: workflow.explicitPriority.has(task.key) ? priorityRank(task.priority) : runPriority,
    attempt: 0,
    maxAttempts: task.retry.maxAttempts,
    timeoutMs: task.timeoutMs,
    queueTimeoutMs: task.queueTimeoutMs ?? null,
    retry: task.retry,
    input: null,
    queue: null,
    depsTotal: task.dependsOn.length,
    parentTaskId: null,
    itemIndex: null,
    dispatchBonusMs: 0,
  }));
  const runTimeoutMs = request.runTimeoutMs ?? plan.runTimeoutMs;
  return {
    run: {
      id: runId,
      definitionId: workflow.id,
      workflowName: workflow.name,
      workflowVersion: workflow.version,
      priority: runPriority,
      input: request.input,
      tenant: request.tenant,
      idempotencyKey: request.idempotencyKey,
      tags: request.tags,
      parentTaskId: request.parentTaskId,
      tasksRemaining: tasks.length,
      // A delayed run's deadline counts from its start, not from its creation.
      deadlineAt: runTimeoutMs ? new Date(Math.max(Date.now(), request.startAt?.getTime() ?? 0) + runTimeoutMs) : null,
      traceparent: request.traceparent ?? null,
      startAt: request.startAt ?? null,
    },
    tasks,
    roots: tasks.filter((task) => task.depsTotal === 0).map((task) => ({ id: task.id, runId, key: task.key })),
  };
}
