/**
 * What a failed attempt means for the retry policy. The kind travels with a
 * serialized error across threads, processes and queues, so the executor
 * never has to guess from a class it may not share with the plugin.
 */
export type TaskErrorKind =
  'retryable' | 'non_retryable' | 'retry_later' | 'rate_limited' | 'timeout' | 'resource_limit' | 'cancelled';

export const TASK_ERROR_KINDS: readonly TaskErrorKind[] = [
  'retryable',
  'non_retryable',
  'retry_later',
  'rate_limited',
  'timeout',
  'resource_limit',
  'cancelled',
];

/**
 * Brand on every task error. `Symbol.for` makes it the same symbol in every
 * copy of the SDK (a plugin bundling its own copy, a worker thread, a child
 * process), which `instanceof` cannot promise. Its value is the error's kind.
 */
export const TASK_ERROR_BRAND: unique symbol = Symbol.for('taskloom.error');

export function isTaskErrorKind(value: unknown): value is TaskErrorKind {
  return typeof value === 'string' && (TASK_ERROR_KINDS as readonly string[]).includes(value);
}
