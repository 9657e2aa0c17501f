import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import { defineTask } from '@taskloom/sdk';
import { EVALUATION_LIMITS } from './evaluation-limits';
import { compileExpression, ExpressionError } from './expression';
import { quote } from './to-json';
import { filterInput, filterOutput, type Json } from './transform-schema';

/** Items between yields to the event loop, so an abort (timeout, cancel) is seen. */
const SLICE = 1_000;

// JSONata's own cast, so an item is kept exactly when `$boolean(expression)` would be true.
const TO_BOOLEAN = compileExpression('$boolean($value)');

/**
 * Keeps the items of an array for which a JSONata predicate is truthy. Unlike
 * a JSONata filter inside transform.map, the result is always an array, even
 * with one or no items left.
 */
export const filter = defineTask({
  type: 'transform.filter',
  description:
    'Filters an array with a JSONata predicate: {expression, data: [...]} → {list, count}, keeping the items for ' +
    'which the expression (item as context, $index bound) is truthy.',
  input: filterInput,
  output: filterOutput,
  resources: { profile: 'default', timeoutMs: 15_000 },
  isolation: 'thread',
  run: async ({ expression, data }, ctx) => {
    const predicate = compileExpression(expression);
    const deadline = Date.now() + EVALUATION_LIMITS.timeoutMs;
    const list: Json[] = [];
    for (const [index, item] of data.entries()) {
      if (index % SLICE === 0 && index > 0) {
        await yieldToEventLoop();
        ctx.signal.throwIfAborted();
      }
      if (Date.now() > deadline) {
        // The same budget as one transform.map evaluation, and the same JSONata code (D1012) for running out of it.
        throw new ExpressionError(
          `expression ${quote(expression)} ran out of its ${EVALUATION_LIMITS.timeoutMs} ms at item ${index} of ${data.length}`,
          'D1012',
          undefined,
        );
      }
      const value = await predicate.evaluate(item, { index }).catch((error: ExpressionError) => {
        throw new ExpressionError(`item ${index}: ${error.message}`, error.code, error);
      });
      if ((await TO_BOOLEAN.evaluate(null, { value })) === true) list.push(item);
    }
    return { list, count: list.length };
  },
});
