/**
 * Guards on every evaluation. JSONata checks them between evaluation steps,
 * which stops runaway recursion and loops over huge ranges; what they cannot
 * interrupt (one catastrophic regular expression, one huge `$pad`) is stopped
 * by the task's thread isolation, which is terminated at the task timeout.
 */
export interface EvaluationLimits {
  /** Wall-clock budget of one task's evaluation(s). */
  timeoutMs: number;
  /** Nesting of evaluation steps, i.e. recursion depth. */
  maxDepth: number;
  /** Items in one intermediate sequence. */
  maxSequence: number;
}

export const EVALUATION_LIMITS: Readonly<EvaluationLimits> = Object.freeze({
  timeoutMs: 5_000,
  maxDepth: 500,
  maxSequence: 1_000_000,
});

/** Longest expression accepted. */
export const MAX_EXPRESSION_LENGTH = 10_000;
