import { NonRetryableError } from '@taskloom/sdk';
import type { Json } from './transform-schema';

/**
 * Copies a JSONata result into plain JSON: sequences become plain arrays,
 * nothing aliases the input, and what JSON cannot hold (a function) fails
 * with a message naming the expression instead of vanishing.
 */
export function toJson(value: unknown, expression: string): Json | undefined {
  if (value === undefined || value === null || typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') {
    if (Number.isFinite(value)) return value;
    throw new NonRetryableError(`expression ${quote(expression)} produced ${value}, which JSON cannot hold`);
  }
  if (typeof value === 'function' || isJsonataFunction(value)) {
    throw new NonRetryableError(`expression ${quote(expression)} produced a function, not a JSON value`);
  }
  if (Array.isArray(value)) return value.map((item) => toJson(item, expression) ?? null);
  if (typeof value === 'object') {
    const entries: [string, Json][] = [];
    for (const [key, member] of Object.entries(value)) {
      const json = toJson(member, expression);
      if (json !== undefined) entries.push([key, json]);
    }
    // fromEntries defines own properties, so a "__proto__" key stays data.
    return Object.fromEntries(entries);
  }
  throw new NonRetryableError(`expression ${quote(expression)} produced a ${typeof value}, not a JSON value`);
}

function isJsonataFunction(value: unknown): boolean {
  const marked = value as { _jsonata_lambda?: boolean; _jsonata_function?: boolean } | null;
  return (
    typeof value === 'object' && !!marked && (marked._jsonata_lambda === true || marked._jsonata_function === true)
  );
}

export function quote(expression: string): string {
  return JSON.stringify(expression.length > 120 ? `${expression.slice(0, 117)}...` : expression);
}
