import type { JsonValue } from '../json/json-value';
import { inspectStorable } from '../json/storable-json';
import { evaluateCondition } from './evaluate-condition';
import { evaluateExpression, type Evaluate } from './evaluate-expression';
import { evaluateForEach } from './evaluate-for-each';
import { renderTemplate } from './render-template';
import type { TemplateScope } from './template-scope';

/** What a task's activation evaluates: the templates of its definition. */
export interface TaskTemplates {
  when?: string;
  forEach?: string;
  input: JsonValue;
  affinity?: string;
  /** The concurrency key's template. */
  concurrencyKey?: string;
  /** The rate-limit key's template. */
  rateKey?: string;
}

export interface RenderedInput {
  input: JsonValue;
  /** The rendered routing key, when the task has one. */
  affinity?: JsonValue;
  /** The rendered concurrency key, when the task has one. */
  concurrencyKey?: JsonValue;
  /** The rendered rate-limit key, when the task has one. */
  rateKey?: JsonValue;
}

export type RenderedTask =
  | { outcome: 'skipped' }
  | { outcome: 'one'; rendered: RenderedInput }
  | { outcome: 'items'; items: RenderedInput[] }
  | { outcome: 'too-many-items'; count: number };

export interface RenderTaskLimits {
  /** More forEach items than this are not rendered at all. */
  maxItems: number;
  /** Rendering stops at the first item past this many bytes of inputs; the caller reports the excess. */
  maxItemsBytes: number;
}

/**
 * Everything one task's activation evaluates, in one call: its `when`, then
 * its input (and routing key), or its forEach and every item's input. One
 * call is the unit that EXPRESSION_TIMEOUT_MS bounds, so a fan-out of many
 * cheap items is bounded as a whole.
 */
export async function renderTask(
  templates: TaskTemplates,
  scope: TemplateScope,
  limits: RenderTaskLimits,
  evaluate: Evaluate = evaluateExpression,
): Promise<RenderedTask> {
  if (templates.when !== undefined && !(await evaluateCondition(templates.when, scope, evaluate)))
    return { outcome: 'skipped' };
  if (templates.forEach === undefined)
    return { outcome: 'one', rendered: await renderInput(templates, scope, evaluate) };
  const values = await evaluateForEach(templates.forEach, scope, evaluate);
  if (values.length > limits.maxItems) return { outcome: 'too-many-items', count: values.length };
  const items: RenderedInput[] = [];
  let bytes = 0;
  for (let index = 0; index < values.length && bytes <= limits.maxItemsBytes; index += 1) {
    const item = await renderInput(templates, { ...scope, item: values[index], index }, evaluate);
    bytes += inspectStorable(item.input, 'input').bytes;
    items.push(item);
  }
  return { outcome: 'items', items };
}

async function renderInput(templates: TaskTemplates, scope: TemplateScope, evaluate: Evaluate): Promise<RenderedInput> {
  const rendered: RenderedInput = { input: await renderTemplate(templates.input, scope, evaluate) };
  if (templates.affinity !== undefined) rendered.affinity = await renderTemplate(templates.affinity, scope, evaluate);
  if (templates.concurrencyKey !== undefined)
    rendered.concurrencyKey = await renderTemplate(templates.concurrencyKey, scope, evaluate);
  if (templates.rateKey !== undefined) rendered.rateKey = await renderTemplate(templates.rateKey, scope, evaluate);
  return rendered;
}
