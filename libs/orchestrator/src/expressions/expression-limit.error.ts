/**
 * An evaluation ran past EXPRESSION_TIMEOUT_MS or EXPRESSION_MAX_MEMORY_MB
 * and its worker was killed. Not retryable: the same expression on the same
 * data would do the same again.
 */
export class ExpressionLimitExceeded extends Error {
  override readonly name = 'ExpressionLimitExceeded';
}

/** An error raised inside the worker, carried back by name and message (a thread boundary loses classes). */
export class ExpressionFailed extends Error {
  constructor(
    override readonly name: string,
    message: string,
  ) {
    super(message);
  }
}
