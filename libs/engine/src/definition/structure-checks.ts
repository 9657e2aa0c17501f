import type { DefinitionContext } from './definition-context';
import type { DefinitionIssue } from './definition-error';
import type { WorkflowDefinition } from './workflow-definition';

export interface ResolvedStructure {
  /** Position of each key's first definition. */
  indexOf: ReadonlyMap<string, number>;
  /** Per task, the definition positions of the parents that exist (self-references and repeats dropped). */
  parents: number[][];
}

/** Duplicate keys, dependencies on unknown or repeated tasks or on the task itself, unknown task types. */
export function checkStructure(
  def: WorkflowDefinition,
  ctx: DefinitionContext,
  issues: DefinitionIssue[],
): ResolvedStructure {
  const indexOf = new Map<string, number>();
  def.tasks.forEach((task, i) => {
    const first = indexOf.get(task.key);
    if (first === undefined) indexOf.set(task.key, i);
    else
      issues.push({
        path: `tasks[${i}].key`,
        message: `duplicate task key '${task.key}' (first defined at tasks[${first}])`,
      });
  });

  const parents = def.tasks.map((task, i) => {
    const resolved = new Set<number>();
    (task.dependsOn ?? []).forEach((dependency, d) => {
      const path = `tasks[${i}].dependsOn[${d}]`;
      const parent = indexOf.get(dependency);
      if (dependency === task.key) issues.push({ path, message: `task '${task.key}' depends on itself` });
      else if (parent === undefined)
        issues.push({ path, message: `task '${task.key}' depends on unknown task '${dependency}'` });
      else if (resolved.has(parent))
        issues.push({ path, message: `task '${task.key}' lists '${dependency}' more than once` });
      else resolved.add(parent);
    });
    return [...resolved];
  });

  def.tasks.forEach((task, i) => {
    if (task.type !== undefined && !ctx.isKnownTaskType(task.type)) {
      issues.push({ path: `tasks[${i}].type`, message: `task '${task.key}' has unknown task type '${task.type}'` });
    }
  });
  return { indexOf, parents };
}
