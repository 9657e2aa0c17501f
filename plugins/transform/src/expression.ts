import jsonata from 'jsonata';
import { NonRetryableError } from '@taskloom/sdk';
import { EVALUATION_LIMITS, type EvaluationLimits } from './evaluation-limits';
import { quote } from './to-json';

/** A JSONata expression failed to parse or to evaluate. Deterministic, so retrying cannot help. */
export class ExpressionError extends NonRetryableError {
  constructor(
    message: string,
    /** JSONata's error code (`S0202`, `D1012`...) when JSONata raised it. */
    readonly code: string | undefined,
    cause: unknown,
  ) {
    super(message, { cause });
  }
}

interface JsonataFailure {
  code?: string;
  message?: string;
  position?: number;
}

/** A parsed expression that evaluates under the limits it was compiled with. */
export interface GuardedExpression {
  evaluate(input: unknown, bindings?: Record<string, unknown>): Promise<unknown>;
}

export function compileExpression(text: string, limits: EvaluationLimits = EVALUATION_LIMITS): GuardedExpression {
  let compiled: jsonata.Expression;
  try {
    compiled = jsonata(text, { timeout: limits.timeoutMs, stack: limits.maxDepth, sequence: limits.maxSequence });
  } catch (failure) {
    throw expressionError(text, failure, 'parse');
  }
  return {
    evaluate: async (input, bindings) => {
      try {
        return (await compiled.evaluate(input, bindings)) as unknown;
      } catch (failure) {
        throw expressionError(text, failure, 'evaluate');
      }
    },
  };
}

/** JSONata throws plain objects, not Errors: keep its code and position in a real, typed error. */
function expressionError(text: string, failure: unknown, action: 'parse' | 'evaluate'): ExpressionError {
  const details = (typeof failure === 'object' && failure !== null ? failure : {}) as JsonataFailure;
  const reason = details.message ?? String(failure);
  const where = action === 'parse' && typeof details.position === 'number' ? ` at position ${details.position}` : '';
  const verb = action === 'parse' ? 'invalid expression' : 'expression failed:';
  return new ExpressionError(`${verb} ${quote(text)}${where}: ${reason}`, details.code, failure);
}
