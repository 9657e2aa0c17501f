import type { JsonValue } from '../json/json-value';
import { TemplateError } from './template-error';

/**
 * Copies an expression's result into plain JSON: JSONata sequences become
 * arrays, nothing aliases the scope it was read from, and values JSON cannot
 * hold (functions, non-finite numbers) are refused rather than lost.
 */
export function toJsonResult(value: unknown, expression: string): JsonValue | undefined {
  if (value === undefined || value === null || typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') {
    if (Number.isFinite(value)) return value;
    throw new TemplateError(expression, `Expression "${expression}" produced ${value}, which JSON cannot hold`);
  }
  if (typeof value === 'function' || isJsonataFunction(value)) {
    throw new TemplateError(expression, `Expression "${expression}" produced a function, not a JSON value`);
  }
  if (Array.isArray(value)) return value.map((item) => toJsonResult(item, expression) ?? null);
  if (typeof value === 'object') {
    const entries: [string, JsonValue][] = [];
    for (const [key, member] of Object.entries(value)) {
      const json = toJsonResult(member, expression);
      if (json !== undefined) entries.push([key, json]);
    }
    // fromEntries defines own properties, so a "__proto__" key stays data.
    return Object.fromEntries(entries);
  }
  throw new TemplateError(expression, `Expression "${expression}" produced a ${typeof value}, not a JSON value`);
}

function isJsonataFunction(value: unknown): boolean {
  const marked = value as { _jsonata_lambda?: boolean; _jsonata_function?: boolean } | null;
  return (
    typeof value === 'object' && !!marked && (marked._jsonata_lambda === true || marked._jsonata_function === true)
  );
}

export function describeJsonType(value: JsonValue | undefined): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}
