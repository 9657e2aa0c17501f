import { isTaskError, TaskError, TaskTimeoutError } from '@taskloom/sdk';
import { BLOCKED_ADDRESS_CODE, BlockedAddressError } from './address-policy';

/**
 * What a throw from fetch or from reading the body means. The task's own
 * signal (its timeout, or a cancel) wins; then this request's timeout; task
 * errors we raised pass through; anything else is a network failure
 * (refused, reset, DNS), which is worth another attempt — except a
 * destination the address policy refused, which fetch wraps as its cause.
 */
export function requestFailure(
  error: unknown,
  signals: { task: AbortSignal; timeout: AbortSignal },
  timeoutMs: number,
  what: string,
): unknown {
  if (signals.task.aborted) return signals.task.reason;
  if (signals.timeout.aborted) {
    return new TaskTimeoutError(`${what}: no complete response within timeoutMs (${timeoutMs} ms)`, { cause: error });
  }
  if (isTaskError(error)) return error;
  const cause = (error as { cause?: { code?: unknown; message?: unknown } } | null)?.cause;
  if (cause?.code === BLOCKED_ADDRESS_CODE)
    return new BlockedAddressError(`${what}: ${String(cause.message)}`, { cause });
  return new TaskError(`${what} failed: ${networkDetail(error)}`, { cause: error });
}

/**
 * fetch rejects with a bare "fetch failed"; the cause says what happened
 * (`ECONNREFUSED`, `ENOTFOUND`...). Read by shape: errors from another realm
 * fail `instanceof Error`, and a refused dual-stack connect is an
 * AggregateError with an empty message but a code.
 */
function networkDetail(error: unknown): string {
  const outer = error as { message?: unknown; cause?: { message?: unknown; code?: unknown } } | null;
  const cause = outer?.cause;
  const message = [cause?.message, outer?.message].find((m): m is string => typeof m === 'string' && m !== '');
  const code = typeof cause?.code === 'string' ? cause.code : undefined;
  const text = message ?? String(error);
  return code && !text.includes(code) ? `${code}: ${text}` : text;
}
