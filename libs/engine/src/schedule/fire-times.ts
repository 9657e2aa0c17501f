import type { FireClock } from './fire-clock';

/** The active window of a schedule: no fire time before startAt, none after endAt. */
export interface FireWindow {
  startAt?: Date | null;
  endAt?: Date | null;
}

/** The first fire time strictly after `after` inside the window, or null when the schedule has ended. */
export function nextFireTime(clock: FireClock, after: Date, window: FireWindow = {}): Date | null {
  const from =
    window.startAt && window.startAt.getTime() > after.getTime() ? new Date(window.startAt.getTime() - 1) : after;
  const next = clock.next(from);
  if (!next || (window.endAt && next.getTime() > window.endAt.getTime())) return null;
  return next;
}

/** Up to `count` fire times strictly after `after`, in order. */
export function nextFireTimes(clock: FireClock, after: Date, count: number, window: FireWindow = {}): Date[] {
  const times: Date[] = [];
  let cursor = after;
  while (times.length < count) {
    const next = nextFireTime(clock, cursor, window);
    if (!next) break;
    times.push(next);
    cursor = next;
  }
  return times;
}

/**
 * fireTimesBetween — the fire times in [from, to] inside the window, in
 * order; at most `limit`, the LATEST ones, and whether earlier ones were
 * left out. Walking back from `to` keeps the cost at `limit` steps however
 * long the gap (a per-second schedule after a day down).
 */
export function fireTimesBetween(
  clock: FireClock,
  from: Date,
  to: Date,
  limit: number,
  window: FireWindow = {},
): { times: Date[]; truncated: boolean } {
  const lower = Math.max(from.getTime(), window.startAt?.getTime() ?? -Infinity);
  const upper = Math.min(to.getTime(), window.endAt?.getTime() ?? Infinity);
  if (upper < lower) return { times: [], truncated: false };
  const latest = clock
    .previous(limit + 1, new Date(upper + 1))
    .filter((time) => time.getTime() >= lower)
    .reverse();
  return latest.length <= limit ? { times: latest, truncated: false } : { times: latest.slice(1), truncated: true };
}
