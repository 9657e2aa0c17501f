import type { JsonValue } from '../json/json-value';
import { toJsonResult } from './json-result';
import { parseExpression } from './parse-expression';
import { toTemplateError } from './template-error';
import type { TemplateScope } from './template-scope';

/** Evaluates one bare expression against the scope; undefined when it selects nothing. */
export async function evaluateExpression(expression: string, scope: TemplateScope): Promise<JsonValue | undefined> {
  const compiled = parseExpression(expression);
  let raw: unknown;
  try {
    raw = await compiled.evaluate({ run: scope.run, tasks: scope.tasks, item: scope.item, index: scope.index });
  } catch (failure) {
    throw toTemplateError(expression, failure, 'evaluate');
  }
  return toJsonResult(raw, expression);
}
