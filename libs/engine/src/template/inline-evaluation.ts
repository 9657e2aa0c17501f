import type { JsonValue } from '../json/json-value';
import { bareExpression } from './bare-expression';
import type { AstNode } from './expression-ast';
import { parseExpression } from './parse-expression';
import { simplePathOf } from './simple-path';
import { containsTemplate, splitTemplate } from './template-parts';

/**
 * True when every expression in these templates is a plain path
 * (`run.input.x`, `tasks.a.output`): such templates are tried on the
 * caller's thread with readPathOnly, which walks plain objects and cannot
 * stall, and goes to the bounded expression pool only when a path runs
 * through an array. Anything else — a function call, an operator, a regex —
 * runs in the pool (ADR 0015). Expressions that do not parse are not
 * inline: the pool reports their error like any other.
 */
export function isInlineEvaluation(templates: {
  when?: string;
  forEach?: string;
  input?: JsonValue;
  affinity?: string;
  concurrencyKey?: string;
  rateKey?: string;
}): boolean {
  try {
    const bare = [templates.when, templates.forEach].filter((text) => text !== undefined).map(bareExpression);
    const expressions = [
      ...bare,
      ...templateExpressions(templates.input),
      ...templateExpressions(templates.affinity),
      ...templateExpressions(templates.concurrencyKey),
      ...templateExpressions(templates.rateKey),
    ];
    return expressions.every((expression) => simplePathOf(parseExpression(expression).ast() as AstNode) !== null);
  } catch {
    return false;
  }
}

function templateExpressions(value: JsonValue | undefined): string[] {
  if (typeof value === 'string') {
    if (!containsTemplate(value)) return [];
    return splitTemplate(value).flatMap((part) => (part.kind === 'expression' ? [part.expression] : []));
  }
  if (Array.isArray(value)) return value.flatMap(templateExpressions);
  if (value !== null && typeof value === 'object') return Object.values(value).flatMap(templateExpressions);
  return [];
}
