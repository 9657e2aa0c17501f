import { Cron } from 'croner';
import type { FireSpec } from './schedule-spec';

/** The fire times of one spec, strictly after or before an instant. */
export interface FireClock {
  /** The first fire time strictly after `after`, or null when there is none. */
  next(after: Date): Date | null;
  /** Up to `count` fire times strictly before `before`, latest first. */
  previous(count: number, before: Date): Date[];
}

export class ScheduleSpecError extends Error {
  override readonly name = 'ScheduleSpecError';
}

/**
 * A cron expression has 5 fields, or 6 with seconds first; it is read in
 * its IANA time zone by croner, which keeps DST right: a local time that a
 * spring-forward skips fires at the next valid time, one that a fall-back
 * repeats fires once.
 */
function cronClock(cron: string, timezone: string): FireClock {
  let job: Cron;
  try {
    job = new Cron(cron, { timezone, paused: true, mode: '5-or-6-parts' });
    // The time zone is only read when a date is computed: compute one now so a bad zone fails here.
    job.nextRun(new Date(0));
  } catch (error) {
    throw new ScheduleSpecError(`invalid cron "${cron}" in time zone "${timezone}": ${(error as Error).message}`);
  }
  return {
    next: (after) => job.nextRun(after),
    // croner drops the milliseconds of the reference: round it up so "strictly before" stays exact.
    previous: (count, before) => job.previousRuns(count, new Date(Math.ceil(before.getTime() / 1000) * 1000)),
  };
}

function intervalClock(everyMs: number, anchor: Date): FireClock {
  const origin = anchor.getTime();
  return {
    next(after) {
      const steps = Math.floor((after.getTime() - origin) / everyMs) + 1;
      return new Date(origin + Math.max(0, steps) * everyMs);
    },
    previous(count, before) {
      const last = Math.ceil((before.getTime() - origin) / everyMs) - 1;
      const times: Date[] = [];
      for (let step = last; step >= 0 && times.length < count; step -= 1) times.push(new Date(origin + step * everyMs));
      return times;
    },
  };
}

/** Throws ScheduleSpecError for an expression or time zone that cannot be read. */
export function fireClock(spec: FireSpec): FireClock {
  return 'cron' in spec ? cronClock(spec.cron, spec.timezone) : intervalClock(spec.everyMs, spec.anchor);
}
