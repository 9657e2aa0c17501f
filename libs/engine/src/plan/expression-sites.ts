import type { TaskDefinition } from '../definition/workflow-definition';
import { isJsonObject, type JsonValue } from '../json/json-value';
import { bareExpression } from '../template/bare-expression';
import { type ExpressionReferences, expressionReferences } from '../template/expression-references';
import { containsTemplate } from '../template/template-parts';
import { mergeReferences, templateExpressions } from '../template/template-references';

/** One string in a definition that holds an expression. */
export interface ExpressionSite {
  field: 'input' | 'when' | 'forEach' | 'affinity' | 'concurrency' | 'rateLimit' | 'output';
  /** Where the string sits, relative to its task (or to the definition, for output). */
  path: PropertyKey[];
  text: string;
  /** A `when`/`forEach` expression rather than a string with `{{ }}` templates. */
  bare: boolean;
}

export function taskExpressionSites(task: TaskDefinition): ExpressionSite[] {
  const sites = templateSites(task.input, 'input', ['input']);
  // A sleep's `until` is rendered as its input is (compilePlan makes it the planned input).
  if (task.sleep?.until !== undefined) sites.push(...templateSites(task.sleep.until, 'input', ['sleep', 'until']));
  if (task.when !== undefined) sites.push({ field: 'when', path: ['when'], text: task.when, bare: true });
  if (task.forEach !== undefined) sites.push({ field: 'forEach', path: ['forEach'], text: task.forEach, bare: true });
  if (task.affinity !== undefined && containsTemplate(task.affinity)) {
    sites.push({ field: 'affinity', path: ['affinity'], text: task.affinity, bare: false });
  }
  if (task.concurrency !== undefined && containsTemplate(task.concurrency.key)) {
    sites.push({ field: 'concurrency', path: ['concurrency', 'key'], text: task.concurrency.key, bare: false });
  }
  if (task.rateLimit?.key !== undefined && containsTemplate(task.rateLimit.key)) {
    sites.push({ field: 'rateLimit', path: ['rateLimit', 'key'], text: task.rateLimit.key, bare: false });
  }
  return sites;
}

export function templateSites(
  value: JsonValue | undefined,
  field: ExpressionSite['field'],
  path: PropertyKey[],
): ExpressionSite[] {
  const sites: ExpressionSite[] = [];
  const pending: { value: JsonValue | undefined; path: PropertyKey[] }[] = [{ value, path }];
  while (pending.length > 0) {
    const next = pending.pop()!;
    if (typeof next.value === 'string' && containsTemplate(next.value)) {
      sites.push({ field, path: next.path, text: next.value, bare: false });
    } else if (Array.isArray(next.value)) {
      next.value.forEach((item, i) => pending.push({ value: item, path: [...next.path, i] }));
    } else if (isJsonObject(next.value)) {
      for (const [key, item] of Object.entries(next.value)) pending.push({ value: item, path: [...next.path, key] });
    }
  }
  // A stack yields the leaves in reverse document order.
  return sites.reverse();
}

/** Throws TemplateError when the site's text does not parse. */
export function siteReferences(site: ExpressionSite): ExpressionReferences {
  if (site.bare) return expressionReferences(bareExpression(site.text));
  return mergeReferences(templateExpressions(site.text).map(expressionReferences));
}
