import type { JsonValue } from '../json/json-value';
import { bareExpression } from './bare-expression';
import { evaluateExpression, type Evaluate } from './evaluate-expression';
import { describeJsonType } from './json-result';
import { TemplateError } from './template-error';
import type { TemplateScope } from './template-scope';

/**
 * Evaluates a forEach expression to the array to fan out over. Nothing (or
 * null) fans out to no children; any other non-array is an error, since
 * silently treating a scalar as one item hides mistakes. How many items a
 * run may fan out to is the caller's (configured) policy.
 */
export async function evaluateForEach(
  expr: string,
  scope: TemplateScope,
  evaluate: Evaluate = evaluateExpression,
): Promise<JsonValue[]> {
  const expression = bareExpression(expr);
  const value = await evaluate(expression, scope);
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) {
    throw new TemplateError(
      expression,
      `forEach expression "${expression}" must produce an array but produced ${describeJsonType(value)}. ` +
        'JSONata unwraps a one-item selection: append [] to keep it an array (e.g. tasks.items.output.list.sku[])',
    );
  }
  return value;
}
