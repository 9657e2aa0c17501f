import { isDeepStrictEqual } from 'node:util';
import type { CreateSchedule, ReplaceSchedule, Schedule } from '@taskloom/client';
import { parseEvery, SCHEDULE_DEFAULTS } from '@taskloom/engine/schedule';

/**
 * The fields compared, each with what it becomes on the server when the file
 * leaves it out. A PUT replaces every field, so a field removed from the
 * file is a change back to its default. `paused` is handled on its own.
 */
const { paused: _paused, ...DEFAULTS } = SCHEDULE_DEFAULTS;

type Compared = keyof typeof DEFAULTS;

/**
 * The fields in which `existing` differs from what the file asks for
 * (empty: unchanged). `paused` counts only when the file names it, so an
 * operator's `schedules pause` survives an apply of a file that does not
 * say; `every` compares as a duration ("60m" is "1h"), instants as instants.
 */
export function scheduleChanges(wanted: CreateSchedule, existing: Schedule): string[] {
  const changed: string[] = [];
  if (wanted.workflow !== existing.workflow) changed.push('workflow');
  for (const field of Object.keys(DEFAULTS) as Compared[]) {
    const want = (wanted[field] as unknown) ?? DEFAULTS[field];
    const have = existing[field] as unknown;
    if (!sameValue(field, want, have)) changed.push(field);
  }
  if (wanted.paused !== undefined && wanted.paused !== existing.paused) changed.push('paused');
  return changed;
}

/** The PUT body for a file's schedule: its fields, keeping the current pause when the file does not say. */
export function replacementFor(wanted: CreateSchedule, existing: Schedule): ReplaceSchedule {
  const { name: _name, ...spec } = wanted;
  return { ...spec, paused: wanted.paused ?? existing.paused };
}

function sameValue(field: Compared, want: unknown, have: unknown): boolean {
  if (want === null || have === null) return want === have;
  if (field === 'every') return everyMs(want) === everyMs(have);
  if (field === 'startAt' || field === 'endAt') return Date.parse(String(want)) === Date.parse(String(have));
  return isDeepStrictEqual(want, have);
}

/** "15m" in milliseconds, or the text itself when it is not a duration (then only the same text is equal). */
function everyMs(value: unknown): number | string {
  return parseEvery(String(value)) ?? String(value);
}
