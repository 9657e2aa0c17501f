import { fireClock, type FireClock, type FireWindow } from '@taskloom/engine';
import type { ScheduleRow } from '@taskloom/persistence';

/** The fire times of a stored schedule: its cron in its time zone, or its interval from its anchor. */
export function clockOf(schedule: Pick<ScheduleRow, 'cron' | 'everyMs' | 'timezone' | 'anchorAt'>): FireClock {
  return schedule.cron !== null
    ? fireClock({ cron: schedule.cron, timezone: schedule.timezone })
    : fireClock({ everyMs: Number(schedule.everyMs), anchor: schedule.anchorAt });
}

export function windowOf(schedule: Pick<ScheduleRow, 'startAt' | 'endAt'>): FireWindow {
  return { startAt: schedule.startAt, endAt: schedule.endAt };
}
