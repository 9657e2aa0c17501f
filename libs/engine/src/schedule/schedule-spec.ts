/** When a schedule fires: a cron expression in a time zone, or a fixed interval. */
export type FireSpec =
  | { cron: string; timezone: string }
  | {
      everyMs: number;
      /** Fire times are anchor + k × everyMs: they stay put whatever the time the schedule was read. */
      anchor: Date;
    };

export const OVERLAP_POLICIES = ['skip', 'allow', 'buffer_one', 'cancel_running'] as const;
export type OverlapPolicy = (typeof OVERLAP_POLICIES)[number];

export const CATCH_UP_POLICIES = ['none', 'latest', 'all'] as const;
export type CatchUpPolicy = (typeof CATCH_UP_POLICIES)[number];

/**
 * What a schedule field left out of a create or replace body becomes: the
 * api's request schema and the CLI's `apply` (which diffs a file against the
 * server) both read these.
 */
export const SCHEDULE_DEFAULTS = {
  version: null,
  cron: null,
  every: null,
  timezone: 'UTC',
  input: {},
  priority: null,
  tags: [],
  overlap: 'skip',
  catchUp: 'latest',
  jitterMs: 0,
  startAt: null,
  endAt: null,
  paused: false,
} as const satisfies Record<string, unknown>;

const UNIT_MS = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 } as const;
const EVERY_PATTERN = /^(\d{1,9})(ms|s|m|h|d)$/;

/**
 * parseEvery — "15m", "1s", "2h", "500ms", "1d" to milliseconds; undefined
 * when the text is not one number and one unit.
 */
export function parseEvery(text: string): number | undefined {
  const match = EVERY_PATTERN.exec(text.trim());
  if (!match) return undefined;
  const ms = Number(match[1]) * UNIT_MS[match[2] as keyof typeof UNIT_MS];
  return ms > 0 && Number.isSafeInteger(ms) ? ms : undefined;
}
