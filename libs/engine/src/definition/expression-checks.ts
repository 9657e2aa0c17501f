import type { Ancestry } from '../graph/ancestry';
import { type ExpressionSite, siteReferences, taskExpressionSites, templateSites } from '../plan/expression-sites';
import type { ExpressionReferences } from '../template/expression-references';
import { bareExpression } from '../template/bare-expression';
import { parseExpression } from '../template/parse-expression';
import { TemplateError } from '../template/template-error';
import { type DefinitionIssue, formatPath } from './definition-error';
import type { ResolvedStructure } from './structure-checks';
import type { WorkflowDefinition } from './workflow-definition';

const FIELD_NAMES: Record<ExpressionSite['field'], string> = {
  input: 'input',
  when: 'when condition',
  forEach: 'forEach',
  affinity: 'affinity',
  concurrency: 'concurrency key',
  rateLimit: 'rate-limit key',
  output: 'output',
};

/**
 * Every expression must parse, `item`/`index` may appear only in a forEach
 * task's input (or affinity, or concurrency or rate-limit key), and a task may read only tasks upstream of it,
 * whose results exist by the time it runs. `ancestry` is absent when the
 * graph has cycles; upstream checks are then skipped.
 */
export function checkExpressions(
  def: WorkflowDefinition,
  structure: ResolvedStructure,
  ancestry: Ancestry | undefined,
  issues: DefinitionIssue[],
): void {
  def.tasks.forEach((task, i) => {
    const owner = `task '${task.key}'`;
    for (const site of taskExpressionSites(task)) {
      const path = formatPath(['tasks', i, ...site.path]);
      const refs = referencesOrIssue(site, path, owner, issues);
      if (!refs) continue;
      const itemAllowed =
        task.forEach !== undefined && ['input', 'affinity', 'concurrency', 'rateLimit'].includes(site.field);
      if (refs.usesItem && !itemAllowed) issues.push({ path, message: itemMisuse(owner, site) });
      for (const key of refs.tasks) {
        const where = `${owner} reads tasks.${key} in its ${FIELD_NAMES[site.field]}`;
        const source = structure.indexOf.get(key);
        if (source === undefined) issues.push({ path, message: `${where}, but there is no task '${key}'` });
        else if (key === task.key) issues.push({ path, message: `${where}: a task cannot read its own result` });
        else if (ancestry && !ancestry.isAncestor(source, i)) {
          issues.push({
            path,
            message: `${where}, but '${key}' is not upstream of '${task.key}'; add '${key}' to its dependsOn (directly or through a parent)`,
          });
        }
      }
    }
  });
  checkOutput(def, structure, issues);
  checkEventConditions(def, issues);
  checkRunConcurrencyKey(def, issues);
}

/** The run's key is rendered when the run starts, before any task ran: it may read the run, never a task or an item. */
function checkRunConcurrencyKey(def: WorkflowDefinition, issues: DefinitionIssue[]): void {
  const key = def.concurrency?.key;
  if (key === undefined) return;
  for (const site of templateSites(key, 'concurrency', ['concurrency', 'key'])) {
    const path = formatPath(site.path);
    const refs = referencesOrIssue(site, path, 'the workflow', issues);
    if (!refs) continue;
    if (refs.usesItem || refs.tasks.length > 0) {
      issues.push({
        path,
        message:
          'the workflow concurrency key is rendered when the run starts: it may read run.input, not tasks or item',
      });
    }
  }
}

/** An event condition reads only the event: it must parse; there are no tasks for it to name. */
function checkEventConditions(def: WorkflowDefinition, issues: DefinitionIssue[]): void {
  def.on?.forEach((trigger, i) => {
    if (trigger.when === undefined) return;
    try {
      parseExpression(bareExpression(trigger.when));
    } catch (error) {
      if (!(error instanceof TemplateError)) throw error;
      issues.push({
        path: formatPath(['on', i, 'when']),
        message: `the condition on event '${trigger.event}' is invalid: ${error.message}`,
      });
    }
  });
}

/** The output is rendered when the run ends, so it may read any task; it must still name real ones. */
function checkOutput(def: WorkflowDefinition, structure: ResolvedStructure, issues: DefinitionIssue[]): void {
  for (const site of templateSites(def.output, 'output', ['output'])) {
    const path = formatPath(site.path);
    const refs = referencesOrIssue(site, path, 'the workflow', issues);
    if (!refs) continue;
    if (refs.usesItem) issues.push({ path, message: itemMisuse('the workflow', site) });
    for (const key of refs.tasks) {
      if (!structure.indexOf.has(key)) {
        issues.push({ path, message: `the workflow output reads tasks.${key}, but there is no task '${key}'` });
      }
    }
  }
}

function referencesOrIssue(
  site: ExpressionSite,
  path: string,
  owner: string,
  issues: DefinitionIssue[],
): ExpressionReferences | undefined {
  try {
    return siteReferences(site);
  } catch (error) {
    if (!(error instanceof TemplateError)) throw error;
    issues.push({ path, message: `${owner} has an invalid ${FIELD_NAMES[site.field]}: ${error.message}` });
    return undefined;
  }
}

function itemMisuse(owner: string, site: ExpressionSite): string {
  return `${owner} uses item/index in its ${FIELD_NAMES[site.field]}, but they exist only in the input of a task with forEach`;
}
