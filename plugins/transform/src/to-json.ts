import { NonRetryableError } from '@taskloom/sdk';
import { toPlainJson } from '@taskloom/sdk/json';
import type { Json } from './transform-schema';

/** A JSONata result as plain JSON (see toPlainJson); what JSON cannot hold fails naming the expression. */
export function toJson(value: unknown, expression: string): Json | undefined {
  return toPlainJson(value, (problem) => new NonRetryableError(`expression ${quote(expression)} ${problem}`));
}

export function quote(expression: string): string {
  return JSON.stringify(expression.length > 120 ? `${expression.slice(0, 117)}...` : expression);
}
