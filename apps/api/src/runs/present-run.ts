import type { RunListRow, RunRow, TaskRow } from '@taskloom/persistence';
import { priorityClassOfRank } from '@taskloom/queue';

/** A run as the API answers it (GET /runs/{id} and the run list). */
export function presentRun(run: RunListRow | RunRow) {
  return {
    id: run.id,
    workflow: run.workflowName,
    version: run.workflowVersion,
    status: run.status,
    priority: priorityClassOfRank(run.priority),
    input: run.input,
    output: run.output,
    error: run.error,
    tags: run.tags,
    parentTaskId: run.parentTaskId,
    createdAt: run.createdAt,
    startedAt: run.startedAt,
    finishedAt: run.finishedAt,
  };
}

/**
 * Top-level tasks in definition order; a forEach task lists its items in
 * item order. One pass to group the items (each appended in place, so a
 * 10,000-item group costs 10,000 pushes, not a copy per item), one sort per
 * group.
 */
export function presentTasks(tasks: readonly TaskRow[]) {
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
      ...presentTask(task),
      ...(task.kind === 'foreach'
        ? { items: (itemsOf.get(task.id) ?? []).sort((a, b) => a.itemIndex! - b.itemIndex!).map(presentTask) }
        : {}),
    }));
}

function presentTask(task: TaskRow) {
  return {
    id: task.id,
    key: task.key,
    kind: task.kind,
    type: task.type,
    status: task.status,
    attempts: task.attempt,
    // Of those attempts, how many were interrupted (executor lost or shut down): they did not use up retries.
    interruptions: task.interruptions,
    priority: priorityClassOfRank(task.priority),
    ...(task.itemIndex === null ? {} : { index: task.itemIndex }),
    input: task.input,
    output: task.output,
    error: task.error,
    queuedAt: task.queuedAt,
    startedAt: task.startedAt,
    finishedAt: task.finishedAt,
  };
}
