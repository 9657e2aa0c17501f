import { DefinitionError } from '../definition/definition-error';
import { DEFAULT_TIMEOUT_MS } from '../definition/limits';
import type { TaskDefinition, WorkflowDefinition, WorkflowReference } from '../definition/workflow-definition';
import { Ancestry } from '../graph/ancestry';
import { buildGraph, topologicalOrder } from '../graph/dependency-graph';
import { DEFAULT_PRIORITY } from '../model/priority';
import { DEFAULT_RETRY, mergeRetryPolicy } from '../model/retry-policy';
import { DEFAULT_TRIGGER } from '../model/trigger-rule';
import { mergeReferences } from '../template/template-references';
import { cycleIssues } from '../definition/cycle-issues';
import { siteReferences, taskExpressionSites, templateSites } from './expression-sites';
import type { PlannedTask, PlannedTaskKind, WorkflowPlan } from './workflow-plan';

/**
 * Resolves a definition into a plan: topological order, graph links, merged
 * defaults (task over definition defaults over built-in defaults; retry field
 * by field) and the tasks each expression reads. Expects a definition that
 * `validateDefinition` accepted; it only re-checks for cycles, without which
 * no order exists.
 */
export function compilePlan(def: WorkflowDefinition): WorkflowPlan {
  const keys = def.tasks.map((task) => task.key);
  const indexOf = new Map(keys.map((key, index) => [key, index]));
  const parents = def.tasks.map((task) => unique(task.dependsOn ?? []).flatMap((key) => indexOf.get(key) ?? []));
  const graph = buildGraph(parents);
  const { order, blocked } = topologicalOrder(graph);
  if (blocked.length > 0) throw new DefinitionError(cycleIssues(graph, blocked, keys));
  const ancestry = new Ancestry(graph, order);
  const ancestorKeys = (task: number) => ancestry.ancestorsOf(task).map((ancestor) => keys[ancestor]);

  const tasks = order.map((taskIndex, position): PlannedTask => {
    const task = def.tasks[taskIndex];
    const refs = mergeReferences(taskExpressionSites(task).map(siteReferences));
    const planned: Omit<PlannedTask, 'ancestors'> = {
      key: task.key,
      index: position,
      kind: taskKind(task),
      ...(task.type !== undefined && { type: task.type }),
      ...(task.workflow !== undefined && { workflow: workflowReference(task.workflow) }),
      ...(task.waitFor !== undefined && { waitFor: task.waitFor }),
      dependsOn: unique(task.dependsOn ?? []),
      children: graph.children[taskIndex].map((child) => keys[child]),
      trigger: task.trigger ?? DEFAULT_TRIGGER,
      ...(task.when !== undefined && { when: task.when }),
      ...(task.forEach !== undefined && { forEach: task.forEach }),
      input: task.sleep !== undefined ? { ...task.sleep } : (task.input ?? {}),
      ...resolvedSettings(def, task),
      ...(task.resources !== undefined && { resources: task.resources }),
      ...(task.affinity !== undefined && { affinity: task.affinity }),
      ...(task.concurrency !== undefined && { concurrency: { ...task.concurrency } }),
      ...(task.rateLimit !== undefined && { rateLimit: { ...task.rateLimit } }),
      referencedTasks: refs.readsAllTasks ? ancestorKeys(taskIndex) : refs.tasks,
    };
    return withLazyAncestors(planned, () => ancestorKeys(taskIndex));
  });

  const outputRefs = mergeReferences(templateSites(def.output, 'output', ['output']).map(siteReferences));
  return {
    definition: def,
    tasks,
    byKey: new Map(tasks.map((task) => [task.key, task])),
    roots: tasks.filter((task) => task.dependsOn.length === 0).map((task) => task.key),
    ...(def.output !== undefined && { output: def.output }),
    outputReferences: outputRefs.readsAllTasks ? tasks.map((task) => task.key) : outputRefs.tasks,
    ...(def.defaults?.runTimeoutMs !== undefined && { runTimeoutMs: def.defaults.runTimeoutMs }),
  };
}

function taskKind(task: TaskDefinition): PlannedTaskKind {
  if (task.workflow !== undefined) return 'workflow';
  if (task.sleep !== undefined) return 'sleep';
  if (task.waitFor !== undefined) return 'signal';
  return 'task';
}

function resolvedSettings(def: WorkflowDefinition, task: TaskDefinition) {
  const defaults = def.defaults ?? {};
  // A waiting task is never queued: a queue timeout means nothing to it.
  const waits = task.sleep !== undefined || task.waitFor !== undefined;
  const queueTimeoutMs = waits ? undefined : (task.queueTimeoutMs ?? defaults.queueTimeoutMs);
  return {
    priority: task.priority ?? defaults.priority ?? DEFAULT_PRIORITY,
    timeoutMs: task.timeoutMs ?? defaults.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    ...(queueTimeoutMs !== undefined && { queueTimeoutMs }),
    retry: mergeRetryPolicy(DEFAULT_RETRY, defaults.retry, task.retry),
  };
}

function workflowReference(workflow: string | WorkflowReference): WorkflowReference {
  return typeof workflow === 'string' ? { name: workflow } : { ...workflow };
}

function withLazyAncestors(task: Omit<PlannedTask, 'ancestors'>, compute: () => string[]): PlannedTask {
  return Object.defineProperty(task, 'ancestors', {
    enumerable: true,
    configurable: true,
    get(this: PlannedTask) {
      const ancestors = compute();
      Object.defineProperty(this, 'ancestors', { value: ancestors, enumerable: true });
      return ancestors;
    },
  }) as PlannedTask;
}

function unique(values: readonly string[]): string[] {
  return [...new Set(values)];
}
