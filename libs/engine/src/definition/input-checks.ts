import { containsAnyTemplate } from '../template/template-references';
import type { DefinitionContext } from './definition-context';
import { type DefinitionIssue, joinPath } from './definition-error';
import type { WorkflowDefinition } from './workflow-definition';

/**
 * Static inputs are checked against their task type's schema now rather than
 * failing every run later. Inputs with templates are only known at run time.
 */
export function checkInputs(def: WorkflowDefinition, ctx: DefinitionContext, issues: DefinitionIssue[]): void {
  if (!ctx.validateTaskInput) return;
  for (const task of def.tasks) {
    if (task.type === undefined || !ctx.isKnownTaskType(task.type)) continue;
    const input = task.input ?? {};
    if (containsAnyTemplate(input)) continue;
    for (const issue of ctx.validateTaskInput(task.type, input)) {
      issues.push({
        path: joinPath(`tasks.${task.key}.input`, issue.path),
        message: `input of task '${task.key}' (type '${task.type}'): ${issue.message}`,
      });
    }
  }
}
