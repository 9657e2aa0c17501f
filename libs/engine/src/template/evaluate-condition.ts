import { bareExpression } from './bare-expression';
import { evaluateExpression, type Evaluate } from './evaluate-expression';
import { parseExpression } from './parse-expression';
import type { TemplateScope } from './template-scope';

// JSONata's own cast, so a `when` is true exactly when `$boolean(when)` would be.
const TO_BOOLEAN = '$boolean($value)';

/** Evaluates a `when` condition: bare (`tasks.a.output.count > 0`) or wrapped in `{{ }}`. Selecting nothing is false. */
export async function evaluateCondition(
  expr: string,
  scope: TemplateScope,
  evaluate: Evaluate = evaluateExpression,
): Promise<boolean> {
  const value = await evaluate(bareExpression(expr), scope);
  if (value === undefined) return false;
  const cast: unknown = await parseExpression(TO_BOOLEAN).evaluate(null, { value });
  return cast === true;
}
