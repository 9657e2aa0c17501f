import type jsonata from 'jsonata';
import type { JsonValue } from '../json/json-value';
import { toJsonResult } from './json-result';
import type { AstNode } from './expression-ast';
import { parseExpression } from './parse-expression';
import { readSimplePath, simplePathOf } from './simple-path';
import { toTemplateError } from './template-error';
import type { TemplateScope } from './template-scope';

const simplePaths = new WeakMap<object, readonly string[] | null>();

/** How one bare expression is evaluated; templates take it so a caller can choose (see readPathOnly). */
export type Evaluate = (expression: string, scope: TemplateScope) => Promise<JsonValue | undefined>;

/** readPathOnly met an expression it does not answer: evaluate it in full elsewhere. */
export class NeedsFullEvaluation extends Error {
  override readonly name = 'NeedsFullEvaluation';
}

/**
 * Evaluates one bare expression against the scope; undefined when it
 * selects nothing. A plain path through plain objects is read directly
 * (readSimplePath), with exactly JSONata's result; anything else runs in
 * JSONata.
 */
export async function evaluateExpression(expression: string, scope: TemplateScope): Promise<JsonValue | undefined> {
  const compiled = parseExpression(expression);
  const root = { run: scope.run, tasks: scope.tasks, item: scope.item, index: scope.index };
  const read = readPath(compiled, root);
  if (read) return toJsonResult(read.value, expression);
  let raw: unknown;
  try {
    raw = await compiled.evaluate(root);
  } catch (failure) {
    throw toTemplateError(expression, failure, 'evaluate');
  }
  return toJsonResult(raw, expression);
}

/**
 * Answers only what a plain-path read answers, at the cost of walking the
 * path; throws NeedsFullEvaluation for anything JSONata would have to run
 * (a path through arrays, a missing step, any other expression), whose cost
 * depends on the data.
 */
export const readPathOnly: Evaluate = (expression, scope) => {
  const compiled = parseExpression(expression);
  const read = readPath(compiled, { run: scope.run, tasks: scope.tasks, item: scope.item, index: scope.index });
  if (!read) return Promise.reject(new NeedsFullEvaluation(expression));
  return Promise.resolve(toJsonResult(read.value, expression));
};

function readPath(compiled: jsonata.Expression, root: Record<string, unknown>) {
  let path = simplePaths.get(compiled);
  if (path === undefined) {
    path = simplePathOf(compiled.ast() as AstNode);
    simplePaths.set(compiled, path);
  }
  return path ? readSimplePath(root, path) : undefined;
}
