import type { JsonValue } from '../json/json-value';
import { bareExpression } from './bare-expression';
import { parseExpression } from './parse-expression';
import { toTemplateError } from './template-error';

/** What an event condition sees: `event.name` and `event.payload`. */
export interface EventScope {
  event: { name: string; payload: JsonValue };
}

/**
 * Evaluates a definition's `on[].when` against an event: true exactly when
 * `$boolean(when)` is; selecting nothing is false. Same parser and limits
 * as every other expression (ADR 5); callers run it off the event loop
 * (ExpressionEvaluator, ADR 0015).
 */
export async function evaluateEventCondition(when: string, scope: EventScope): Promise<boolean> {
  const expression = bareExpression(when);
  let value: unknown;
  try {
    value = await parseExpression(expression).evaluate(scope);
  } catch (failure) {
    throw toTemplateError(expression, failure, 'evaluate');
  }
  if (value === undefined) return false;
  const cast: unknown = await parseExpression('$boolean($value)').evaluate(null, { value });
  return cast === true;
}
