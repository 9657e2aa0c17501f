export type TriggerRule = 'all_success' | 'all_done' | 'one_success' | 'one_failed' | 'none_failed';

export const TRIGGER_RULES: readonly TriggerRule[] = [
  'all_success',
  'all_done',
  'one_success',
  'one_failed',
  'none_failed',
];

export const DEFAULT_TRIGGER: TriggerRule = 'all_success';

/** Outcomes of a task's direct parents so far. Cancelled parents count as failed. */
export interface UpstreamCounts {
  total: number;
  succeeded: number;
  failed: number;
  skipped: number;
}

export type TriggerDecision = 'wait' | 'run' | 'skip';

/**
 * Decides as early as the outcome is certain: waiting on parents whose result
 * can no longer change the answer would only delay skip propagation.
 */
export function decideTrigger(rule: TriggerRule, counts: UpstreamCounts): TriggerDecision {
  const { total, succeeded, failed, skipped } = counts;
  if (total === 0) return 'run';
  const allDone = succeeded + failed + skipped >= total;
  switch (rule) {
    case 'all_success':
      if (failed > 0 || skipped > 0) return 'skip';
      return succeeded >= total ? 'run' : 'wait';
    case 'all_done':
      return allDone ? 'run' : 'wait';
    case 'one_success':
      if (succeeded > 0) return 'run';
      return allDone ? 'skip' : 'wait';
    case 'one_failed':
      if (failed > 0) return 'run';
      return allDone ? 'skip' : 'wait';
    case 'none_failed':
      if (failed > 0) return 'skip';
      return allDone ? 'run' : 'wait';
  }
}
