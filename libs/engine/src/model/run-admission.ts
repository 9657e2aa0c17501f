import type { OnLimit } from '../definition/workflow-definition';

/** One workflow concurrency key as admission sees it, under the key's lock (ADR 0027). */
export interface RunKeyState {
  limit: number;
  onLimit: OnLimit;
  /** Admitted runs holding a slot, oldest first. */
  holders: readonly string[];
  /** Queued runs, in admission order: priority class, then age. */
  queued: readonly string[];
}

export interface RunAdmission {
  /** Queued runs that start now. */
  admit: string[];
  /** Queued runs cancelled by `cancel_newest`, or passed over by `cancel_oldest`. */
  cancelQueued: string[];
  /** Admitted runs cancelled by `cancel_oldest` to make room. */
  cancelHolders: string[];
}

/**
 * What to do with a key's queued runs. `queue` admits as many as there are
 * free slots, in order, and leaves the rest queued; `cancel_newest` admits
 * the same and cancels the rest; `cancel_oldest` admits the newest runs (at
 * most `limit`) and cancels the oldest holders to make room, and queued runs
 * older than those admitted, which would otherwise be the oldest at once.
 * Never more than `limit` holders afterwards, whatever the input.
 */
export function planRunAdmission(state: RunKeyState): RunAdmission {
  const free = Math.max(0, state.limit - state.holders.length);
  if (state.onLimit !== 'cancel_oldest') {
    const admit = state.queued.slice(0, free);
    const rest = state.queued.slice(free);
    return { admit, cancelQueued: state.onLimit === 'cancel_newest' ? [...rest] : [], cancelHolders: [] };
  }
  const admitted = Math.min(state.limit, state.queued.length);
  const admit = state.queued.slice(state.queued.length - admitted);
  const cancelQueued = state.queued.slice(0, state.queued.length - admitted);
  const over = Math.max(0, state.holders.length + admitted - state.limit);
  return { admit, cancelQueued, cancelHolders: state.holders.slice(0, over) };
}
