import type { RunListRow, RunRow, TaskRow } from '@taskloom/persistence';
import { priorityClassOfRank } from '@taskloom/queue';
import { unqualifiedConcurrencyKey } from '@taskloom/engine';
import type { RunConcurrencyView, RunSummaryView, TaskItemView, TaskView } from './run.schemas';
import { waitingOn, type WaitFacts } from './waiting-on';

/** A run as the API answers it (GET /runs/{id} and the run list). */
// Statuses and errors are written by the orchestrator only, in the shapes the views name.
export function presentRun(run: RunListRow | RunRow): RunSummaryView {
  return {
    id: run.id,
    workflow: run.workflowName,
    version: run.workflowVersion,
    status: run.status as RunSummaryView['status'],
    priority: priorityClassOfRank(run.priority),
    input: run.input,
    output: run.output,
    error: run.error as RunSummaryView['error'],
    tags: run.tags,
    parentTaskId: run.parentTaskId,
    startAt: isoOrNull(run.startAt),
    createdAt: run.createdAt.toISOString(),
    startedAt: isoOrNull(run.startedAt),
    finishedAt: isoOrNull(run.finishedAt),
  };
}

/** The run's workflow concurrency key as its tenant wrote it, with its limit and onLimit; null without one. */
export function presentRunConcurrency(run: RunRow): RunConcurrencyView | null {
  if (run.concurrencyKey === null || run.concurrencyLimit === null) return null;
  return {
    key: unqualifiedConcurrencyKey(run.concurrencyKey).key,
    limit: run.concurrencyLimit,
    onLimit: (run.concurrencyOnLimit ?? 'queue') as RunConcurrencyView['onLimit'],
  };
}

/**
 * Top-level tasks in definition order; a forEach task lists its items in
 * item order. One pass to group the items (each appended in place, so a
 * 10,000-item group costs 10,000 pushes, not a copy per item), one sort per
 * group.
 */
export function presentTasks(tasks: readonly TaskRow[], facts?: WaitFacts): TaskView[] {
  const present = (task: TaskRow): TaskItemView => {
    const view = presentTask(task);
    const waiting = facts && waitingOn(task, facts);
    return waiting ? { ...view, waitingOn: waiting } : view;
  };
  const itemsOf = new Map<string, TaskRow[]>();
  for (const task of tasks) {
    if (!task.parentTaskId) continue;
    const items = itemsOf.get(task.parentTaskId);
    if (items) items.push(task);
    else itemsOf.set(task.parentTaskId, [task]);
  }
  return tasks
    .filter((task) => !task.parentTaskId)
    .map((task) => ({
      ...present(task),
      ...(task.kind === 'foreach'
        ? { items: (itemsOf.get(task.id) ?? []).sort((a, b) => a.itemIndex! - b.itemIndex!).map(present) }
        : {}),
    }));
}

function presentTask(task: TaskRow): TaskItemView {
  return {
    id: task.id,
    key: task.key,
    kind: task.kind as TaskItemView['kind'],
    type: task.type,
    status: task.status as TaskItemView['status'],
    attempts: task.attempt,
    // Of those attempts, how many were interrupted (executor lost or shut down): they did not use up retries.
    interruptions: task.interruptions,
    priority: priorityClassOfRank(task.priority),
    ...(task.itemIndex === null ? {} : { index: task.itemIndex }),
    input: task.input,
    output: task.output,
    error: task.error as TaskItemView['error'],
    queuedAt: isoOrNull(task.queuedAt),
    startedAt: isoOrNull(task.startedAt),
    finishedAt: isoOrNull(task.finishedAt),
    ...(task.status === 'waiting' && {
      wait: { ...(task.waitSignal !== null && { signal: task.waitSignal }), until: isoOrNull(task.wakeAt) },
    }),
  };
}

export function isoOrNull(at: Date | null): string | null {
  return at ? at.toISOString() : null;
}
