import type { Schedule } from '@taskloom/client';
import { replacementFor, scheduleChanges } from './schedule-changes';

/** What the API answers for `{name: 'nightly', workflow: 'report', cron: '0 2 * * *'}` and its defaults. */
const existing: Schedule = {
  name: 'nightly',
  workflow: 'report',
  version: null,
  cron: '0 2 * * *',
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
  nextFireTimes: [],
  lastFiredAt: null,
  createdAt: '2026-12-01T00:00:00.000Z',
  updatedAt: '2026-12-01T00:00:00.000Z',
};

describe('comparing a schedule in a file with the stored one', () => {
  it('finds no change when the file leaves out what the API defaults, or writes it differently', () => {
    expect(scheduleChanges({ name: 'nightly', workflow: 'report', cron: '0 2 * * *' }, existing)).toEqual([]);
    expect(
      scheduleChanges(
        { name: 'nightly', workflow: 'report', every: '60m', startAt: '2026-12-01T01:00:00+01:00' },
        { ...existing, cron: null, every: '1h', startAt: '2026-12-01T00:00:00.000Z' },
      ),
    ).toEqual([]);
  });

  it('names each changed field, a field left out that is not at its default included', () => {
    expect(
      scheduleChanges(
        { name: 'nightly', workflow: 'other', cron: '0 3 * * *', input: { a: 1 }, tags: ['x'], paused: true },
        { ...existing, jitterMs: 500 },
      ),
    ).toEqual(['workflow', 'cron', 'input', 'tags', 'jitterMs', 'paused']);
  });

  it('leaves an operator pause alone unless the file says paused', () => {
    expect(
      scheduleChanges({ name: 'nightly', workflow: 'report', cron: '0 2 * * *' }, { ...existing, paused: true }),
    ).toEqual([]);
    expect(
      replacementFor({ name: 'nightly', workflow: 'report', cron: '0 4 * * *' }, { ...existing, paused: true }),
    ).toEqual({ workflow: 'report', cron: '0 4 * * *', paused: true });
    expect(
      replacementFor(
        { name: 'nightly', workflow: 'report', cron: '0 4 * * *', paused: false },
        { ...existing, paused: true },
      ),
    ).toEqual({ workflow: 'report', cron: '0 4 * * *', paused: false });
  });
});
