import { isJsonObject, type JsonValue } from '../json/json-value';
import { type ExpressionReferences, expressionReferences } from './expression-references';
import { containsTemplate, splitTemplate } from './template-parts';

/**
 * Everything the `{{ }}` templates inside `value` read, merged. Strings
 * without templates read nothing. Throws TemplateError when one fails to parse.
 */
export function templateReferences(value: JsonValue | string): ExpressionReferences {
  return mergeReferences(templateExpressions(value).map(expressionReferences));
}

/** The expressions of every template in `value`, in document order. */
export function templateExpressions(value: JsonValue | undefined, into: string[] = []): string[] {
  if (typeof value === 'string') {
    if (!containsTemplate(value)) return into;
    for (const part of splitTemplate(value)) if (part.kind === 'expression') into.push(part.expression);
  } else if (Array.isArray(value)) {
    for (const item of value) templateExpressions(item, into);
  } else if (isJsonObject(value)) {
    for (const item of Object.values(value)) templateExpressions(item, into);
  }
  return into;
}

export function mergeReferences(all: Iterable<ExpressionReferences>): ExpressionReferences {
  const tasks = new Set<string>();
  const merged: ExpressionReferences = { tasks: [], readsAllTasks: false, usesItem: false, usesRunInput: false };
  for (const refs of all) {
    for (const key of refs.tasks) tasks.add(key);
    merged.readsAllTasks ||= refs.readsAllTasks;
    merged.usesItem ||= refs.usesItem;
    merged.usesRunInput ||= refs.usesRunInput;
  }
  merged.tasks = [...tasks];
  return merged;
}

export function containsAnyTemplate(value: JsonValue | undefined): boolean {
  if (typeof value === 'string') return containsTemplate(value);
  if (Array.isArray(value)) return value.some(containsAnyTemplate);
  if (isJsonObject(value)) return Object.values(value).some(containsAnyTemplate);
  return false;
}
