import { toPlainJson } from '@taskloom/sdk/json';
import type { JsonValue } from '../json/json-value';
import { TemplateError } from './template-error';

/** An expression's result as plain JSON (see toPlainJson); what JSON cannot hold fails naming the expression. */
export function toJsonResult(value: unknown, expression: string): JsonValue | undefined {
  return toPlainJson(value, (problem) => new TemplateError(expression, `Expression "${expression}" ${problem}`));
}

export function describeJsonType(value: JsonValue | undefined): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}
