import { defineTask } from '@taskloom/sdk';
import { compileExpression } from './expression';
import { toJson } from './to-json';
import { mapInput, mapOutput } from './transform-schema';

/**
 * Reshapes JSON: evaluates a JSONata expression with `data` as its context.
 * Runs in a worker thread, so an expression that outruns JSONata's own guards
 * is terminated at the task timeout instead of blocking the executor.
 */
export const map = defineTask({
  type: 'transform.map',
  description:
    'Reshapes JSON with a JSONata expression: {expression, data} → {result}, the expression evaluated against data ' +
    '(null when it selects nothing).',
  input: mapInput,
  output: mapOutput,
  resources: { profile: 'default', timeoutMs: 15_000 },
  isolation: 'thread',
  run: async ({ expression, data }) => {
    const value = await compileExpression(expression).evaluate(data);
    return { result: toJson(value, expression) ?? null };
  },
});
