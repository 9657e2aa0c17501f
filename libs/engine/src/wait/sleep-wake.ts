import { z } from 'zod';
import { isJsonObject, type JsonValue } from '../json/json-value';

/** When a sleep ends: after a delay from now (the database's clock), or at a time. */
export type SleepWake = { delayMs: number } | { until: Date };

/** A sleep's `until` did not render to an ISO time: the task fails, it does not sleep forever or not at all. */
export class SleepTimeInvalid extends Error {
  override readonly name = 'SleepTimeInvalid';
}

const isoTime = z.iso.datetime({ offset: true });

/**
 * The wake of a sleep task from its rendered input (`{durationMs}` or
 * `{until}`, see compilePlan). `until` must be an ISO 8601 time with a zone
 * (`Z` or an offset), so it means one instant wherever it is read.
 */
export function resolveSleep(input: JsonValue): SleepWake {
  if (!isJsonObject(input)) throw new SleepTimeInvalid('a sleep needs durationMs or until');
  if (typeof input.durationMs === 'number') return { delayMs: input.durationMs };
  const until = input.until;
  if (typeof until !== 'string' || !isoTime.safeParse(until).success) {
    throw new SleepTimeInvalid(
      `sleep.until rendered ${JSON.stringify(until) ?? 'nothing'}: expected an ISO 8601 time with a zone, e.g. 2030-01-01T09:00:00Z`,
    );
  }
  return { until: new Date(until) };
}
