import jsonata from 'jsonata';
import { LRUCache } from 'lru-cache';
import { MAX_EXPRESSION_LENGTH } from '../definition/limits';
import { type AstNode, childSlots } from './expression-ast';
import { Re2RegExp, UnsupportedRegexError, re2RegExpConstructor } from '../regex/re2-regexp';
import { TemplateError, toTemplateError } from './template-error';

/**
 * Guards applied to every evaluation. JSONata checks them between evaluation
 * steps, which stops infinite recursion and loops over huge ranges.
 */
export const EXPRESSION_LIMITS = Object.freeze({
  timeoutMs: 1_000,
  /** Nesting of evaluation steps, i.e. recursion depth. */
  maxDepth: 500,
  /** Items in one intermediate sequence. */
  maxSequence: 1_000_000,
});

// The same definition's templates are evaluated for every task of every run.
const cache = new LRUCache<string, jsonata.Expression>({ max: 5_000 });

/** Parses (or fetches from the cache) one bare JSONata expression. */
export function parseExpression(expression: string): jsonata.Expression {
  const cached = cache.get(expression);
  if (cached) return cached;
  if (expression.length > MAX_EXPRESSION_LENGTH) {
    throw new TemplateError(
      expression.slice(0, 120),
      `Expression is ${expression.length} characters long; the limit is ${MAX_EXPRESSION_LENGTH}`,
    );
  }
  let compiled: jsonata.Expression;
  try {
    compiled = jsonata(expression, {
      timeout: EXPRESSION_LIMITS.timeoutMs,
      stack: EXPRESSION_LIMITS.maxDepth,
      sequence: EXPRESSION_LIMITS.maxSequence,
      // JSONata's timeout is checked between steps and cannot stop one regex call; RE2 is linear instead.
      RegexEngine: re2RegExpConstructor,
    });
  } catch (failure) {
    throw toTemplateError(expression, failure, 'parse');
  }
  refuseUnsupportedRegex(expression, compiled.ast() as AstNode);
  cache.set(expression, compiled);
  return compiled;
}

/** A regex RE2 cannot run (a backreference, lookaround) is refused with the expression, at registration. */
function refuseUnsupportedRegex(expression: string, root: AstNode): void {
  const pending = [root];
  while (pending.length > 0) {
    const node = pending.pop()!;
    if (node.type === 'regex' && node.value instanceof RegExp) {
      try {
        new Re2RegExp(node.value);
      } catch (error) {
        if (!(error instanceof UnsupportedRegexError)) throw error;
        throw new TemplateError(expression, `Invalid expression "${expression}": ${error.message}`);
      }
    }
    for (const [, children] of childSlots(node)) pending.push(...children);
  }
}
