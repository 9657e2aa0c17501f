import { isJsonObject, type JsonValue } from '../json/json-value';
import { evaluateExpression, type Evaluate } from './evaluate-expression';
import { containsTemplate, splitTemplate, wholeTemplateExpression } from './template-parts';
import type { TemplateScope } from './template-scope';

/**
 * Renders every `{{ }}` template inside `value`. A string that is exactly one
 * template takes the expression's value with its JSON type (missing -> null);
 * templates mixed with text are interpolated (strings as-is, other values as
 * JSON, missing as ""). Returns a fresh value: nothing aliases `value` or the scope.
 */
export async function renderTemplate(
  value: JsonValue,
  scope: TemplateScope,
  evaluate: Evaluate = evaluateExpression,
): Promise<JsonValue> {
  if (typeof value === 'string') return renderString(value, scope, evaluate);
  if (Array.isArray(value)) {
    const items: JsonValue[] = [];
    for (const item of value) items.push(await renderTemplate(item, scope, evaluate));
    return items;
  }
  if (isJsonObject(value)) {
    const entries: [string, JsonValue][] = [];
    for (const [key, member] of Object.entries(value))
      entries.push([key, await renderTemplate(member, scope, evaluate)]);
    return Object.fromEntries(entries);
  }
  return value;
}

async function renderString(text: string, scope: TemplateScope, evaluate: Evaluate): Promise<JsonValue> {
  if (!containsTemplate(text)) return text;
  const parts = splitTemplate(text);
  const whole = wholeTemplateExpression(parts);
  if (whole !== undefined) return (await evaluate(whole, scope)) ?? null;
  let rendered = '';
  for (const part of parts) {
    rendered += part.kind === 'text' ? part.text : interpolate(await evaluate(part.expression, scope));
  }
  return rendered;
}

function interpolate(value: JsonValue | undefined): string {
  if (value === undefined) return '';
  return typeof value === 'string' ? value : JSON.stringify(value);
}
