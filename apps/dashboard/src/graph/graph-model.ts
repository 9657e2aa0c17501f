import { TERMINAL_TASK, type ChildRun, type TaskView, type WorkflowDefinition } from '../api/types';

/** What one node of a run's (or a definition's) graph shows. */
export interface TaskNodeData extends Record<string, unknown> {
  key: string;
  /** The task type, or `↳ <workflow>` for a sub-workflow. */
  label: string;
  status: string;
  kind: string;
  attempts: number;
  /** forEach: items ended and items in all. */
  progress?: { done: number; total: number; failed: number };
  childRunId?: string;
  selected: boolean;
}

export function workflowNameOf(reference: WorkflowDefinition['tasks'][number]['workflow']): string | undefined {
  return typeof reference === 'string' ? reference : reference?.name;
}

/** The edges of a definition, dependency → dependant, for keys that exist. */
export function edgesOf(definition: WorkflowDefinition | undefined): { source: string; target: string }[] {
  if (!definition) return [];
  const keys = new Set(definition.tasks.map((task) => task.key));
  return definition.tasks.flatMap((task) =>
    (task.dependsOn ?? []).filter((parent) => keys.has(parent)).map((parent) => ({ source: parent, target: task.key })),
  );
}

/** Item counts of a forEach task, from its items or from the API's summary of them. */
export function itemProgress(task: TaskView): {
  done: number;
  total: number;
  failed: number;
  byStatus: Record<string, number>;
} {
  const byStatus: Record<string, number> = {};
  if (task.itemCounts) Object.assign(byStatus, task.itemCounts);
  else for (const item of task.items ?? []) byStatus[item.status] = (byStatus[item.status] ?? 0) + 1;
  const total = Object.values(byStatus).reduce((sum, count) => sum + (count ?? 0), 0);
  const done = Object.entries(byStatus).reduce(
    (sum, [status, count]) => sum + (TERMINAL_TASK.has(status) ? count : 0),
    0,
  );
  return { done, total, failed: byStatus.failed ?? 0, byStatus };
}

/** Node data for every task: definition order, run state where the run has it. */
export function nodeData(
  definition: WorkflowDefinition | undefined,
  tasks: TaskView[] | undefined,
  children: ChildRun[] | undefined,
  selectedKey: string | undefined,
): TaskNodeData[] {
  const byKey = new Map((tasks ?? []).map((task) => [task.key, task]));
  const childOf = new Map(
    (children ?? []).filter((child) => child.index === undefined).map((child) => [child.taskKey, child.id]),
  );
  const keys = definition ? definition.tasks.map((task) => task.key) : (tasks ?? []).map((task) => task.key);
  const definitions = new Map((definition?.tasks ?? []).map((task) => [task.key, task]));
  return keys.map((key) => {
    const task = byKey.get(key);
    const declared = definitions.get(key);
    const workflow = workflowNameOf(declared?.workflow);
    const isForEach = task?.kind === 'foreach' || (!task && declared?.forEach !== undefined);
    const label = workflow ? `↳ ${workflow}` : (task?.type ?? declared?.type ?? waitLabel(declared));
    const progress = task && task.kind === 'foreach' ? itemProgress(task) : undefined;
    return {
      key,
      label: isForEach ? `forEach · ${label}` : label,
      status: task?.status ?? 'definition',
      kind: task?.kind ?? declaredKind(declared, workflow, isForEach),
      attempts: task?.attempts ?? 0,
      ...(progress ? { progress: { done: progress.done, total: progress.total, failed: progress.failed } } : {}),
      ...(childOf.has(key) ? { childRunId: childOf.get(key) } : {}),
      selected: key === selectedKey,
    };
  });
}

/** A sleep or a signal wait has no type: its node says what it waits for. */
function waitLabel(declared: WorkflowDefinition['tasks'][number] | undefined): string {
  if (declared?.waitFor) return `signal: ${declared.waitFor.signal}`;
  if (declared?.sleep) return 'sleep';
  return '';
}

function declaredKind(
  declared: WorkflowDefinition['tasks'][number] | undefined,
  workflow: string | undefined,
  isForEach: boolean,
): TaskView['kind'] {
  if (workflow) return 'workflow';
  if (isForEach) return 'foreach';
  if (declared?.waitFor) return 'signal';
  if (declared?.sleep) return 'sleep';
  return 'task';
}
