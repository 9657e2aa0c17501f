import type { JsonValue } from '../json/json-value';
import { toJsonResult } from './json-result';
import type { AstNode } from './expression-ast';
import { parseExpression } from './parse-expression';
import { readSimplePath, simplePathOf } from './simple-path';
import { toTemplateError } from './template-error';
import type { TemplateScope } from './template-scope';

const simplePaths = new WeakMap<object, readonly string[] | null>();

/**
 * Evaluates one bare expression against the scope; undefined when it
 * selects nothing. A plain path through plain objects is read directly
 * (readSimplePath), with exactly JSONata's result; anything else runs in
 * JSONata.
 */
export async function evaluateExpression(expression: string, scope: TemplateScope): Promise<JsonValue | undefined> {
  const compiled = parseExpression(expression);
  const root = { run: scope.run, tasks: scope.tasks, item: scope.item, index: scope.index };
  let path = simplePaths.get(compiled);
  if (path === undefined) {
    path = simplePathOf(compiled.ast() as AstNode);
    simplePaths.set(compiled, path);
  }
  const read = path ? readSimplePath(root, path) : undefined;
  if (read) return toJsonResult(read.value, expression);
  let raw: unknown;
  try {
    raw = await compiled.evaluate(root);
  } catch (failure) {
    throw toTemplateError(expression, failure, 'evaluate');
  }
  return toJsonResult(raw, expression);
}
