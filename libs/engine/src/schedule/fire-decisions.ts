import type { CatchUpPolicy, OverlapPolicy } from './schedule-spec';

export interface DueFires {
  /** Fire times at or before now that have not been handled, in order. */
  due: readonly Date[];
  now: Date;
  policy: CatchUpPolicy;
  /** A fire time at most this late is on time; later ones were missed (no router ran, or the schedule was paused). */
  graceMs: number;
}

/**
 * decideCatchUp — which due fire times get a run. On-time fire times always
 * do. Missed ones: `none` drops them, `latest` starts the last missed one
 * when nothing is on time (one run stands for the gap), `all` starts every
 * one (the caller bounds how many it reads: SCHEDULE_CATCH_UP_MAX).
 */
export function decideCatchUp({ due, now, policy, graceMs }: DueFires): Date[] {
  const onTime = due.filter((time) => now.getTime() - time.getTime() <= graceMs);
  if (policy === 'all') return [...due];
  if (policy === 'none' || onTime.length > 0) return onTime;
  return due.length > 0 ? [due[due.length - 1]!] : [];
}

export interface OverlapPlan {
  /** Fire times to start a run for, in order. */
  start: Date[];
  /** A fire time held until the active run ends (buffer_one); it replaces any held before. */
  buffer: Date | null;
  /** Cancel the schedule's active run before starting (cancel_running). */
  cancelActive: boolean;
}

/**
 * decideOverlap — given the fire times to start and whether the schedule's
 * previous run is still active, what to do. Each run started counts as
 * active for the fire times after it in the same round.
 */
export function decideOverlap(fires: readonly Date[], policy: OverlapPolicy, previousActive: boolean): OverlapPlan {
  if (fires.length === 0) return { start: [], buffer: null, cancelActive: false };
  switch (policy) {
    case 'allow':
      return { start: [...fires], buffer: null, cancelActive: false };
    case 'cancel_running':
      // Every run but the last would be cancelled by the next one at once: start only the last.
      return { start: [fires[fires.length - 1]!], buffer: null, cancelActive: previousActive };
    case 'skip':
      return { start: previousActive ? [] : [fires[0]!], buffer: null, cancelActive: false };
    case 'buffer_one': {
      const start = previousActive ? [] : [fires[0]!];
      const rest = previousActive ? fires : fires.slice(1);
      return { start, buffer: rest.length > 0 ? rest[rest.length - 1]! : null, cancelActive: false };
    }
  }
}

/**
 * jitterOffsetMs — a delay in [0, jitterMs) that depends only on the
 * schedule and the fire time, so a router that retries a fire time after a
 * crash picks the same start time (FNV-1a).
 */
export function jitterOffsetMs(scheduleId: string, fireTime: Date, jitterMs: number): number {
  if (jitterMs <= 0) return 0;
  let hash = 0x811c9dc5;
  for (const char of `${scheduleId}@${fireTime.toISOString()}`) {
    hash ^= char.charCodeAt(0);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash % jitterMs;
}

/** The idempotency key of a schedule's run for one fire time: what makes it exactly one run per fire time. */
export function scheduleRunKey(scheduleId: string, fireTime: Date): string {
  return `schedule:${scheduleId}:${fireTime.toISOString()}`;
}
