import { fireClock, ScheduleSpecError } from './fire-clock';
import { fireTimesBetween, nextFireTime, nextFireTimes } from './fire-times';
import { parseEvery } from './schedule-spec';

const iso = (times: Date[]) => times.map((time) => time.toISOString());

describe('cron fire times', () => {
  it('reads five fields as minutes and six with seconds first', () => {
    const minutes = fireClock({ cron: '*/15 * * * *', timezone: 'UTC' });
    expect(iso(nextFireTimes(minutes, new Date('2026-01-01T00:07:00Z'), 2))).toEqual([
      '2026-01-01T00:15:00.000Z',
      '2026-01-01T00:30:00.000Z',
    ]);
    const seconds = fireClock({ cron: '*/20 * * * * *', timezone: 'UTC' });
    expect(iso(nextFireTimes(seconds, new Date('2026-01-01T00:00:00Z'), 3))).toEqual([
      '2026-01-01T00:00:20.000Z',
      '2026-01-01T00:00:40.000Z',
      '2026-01-01T00:01:00.000Z',
    ]);
  });

  it('reads the expression in its time zone', () => {
    const tokyo = fireClock({ cron: '0 9 * * *', timezone: 'Asia/Tokyo' });
    const newYork = fireClock({ cron: '0 9 * * *', timezone: 'America/New_York' });
    const after = new Date('2026-01-10T12:00:00Z');
    expect(nextFireTime(tokyo, after)?.toISOString()).toBe('2026-01-11T00:00:00.000Z');
    expect(nextFireTime(newYork, after)?.toISOString()).toBe('2026-01-10T14:00:00.000Z');
  });

  it('keeps local wall time across the spring-forward change', () => {
    // Europe/Berlin, 29 March 2026: 02:00 CET becomes 03:00 CEST.
    const daily = fireClock({ cron: '0 9 * * *', timezone: 'Europe/Berlin' });
    expect(iso(nextFireTimes(daily, new Date('2026-03-28T00:00:00Z'), 2))).toEqual([
      '2026-03-28T08:00:00.000Z', // 09:00 CET
      '2026-03-29T07:00:00.000Z', // 09:00 CEST
    ]);
  });

  it('fires a skipped local time once, at the next valid time', () => {
    const skipped = fireClock({ cron: '30 2 * * *', timezone: 'Europe/Berlin' });
    expect(iso(nextFireTimes(skipped, new Date('2026-03-28T00:00:00Z'), 3))).toEqual([
      '2026-03-28T01:30:00.000Z', // 02:30 CET
      '2026-03-29T01:00:00.000Z', // 02:30 does not exist: 03:00 CEST
      '2026-03-30T00:30:00.000Z', // 02:30 CEST
    ]);
  });

  it('fires a repeated local time once on the fall-back change', () => {
    // Europe/Berlin, 25 October 2026: 03:00 CEST becomes 02:00 CET, so 02:30 happens twice.
    const repeated = fireClock({ cron: '30 2 * * *', timezone: 'Europe/Berlin' });
    expect(iso(nextFireTimes(repeated, new Date('2026-10-24T00:00:00Z'), 3))).toEqual([
      '2026-10-24T00:30:00.000Z',
      '2026-10-25T00:30:00.000Z',
      '2026-10-26T01:30:00.000Z',
    ]);
  });

  it('keeps an interval expression at equal real intervals through the fall-back hour', () => {
    const halfHourly = fireClock({ cron: '*/30 * * * *', timezone: 'America/New_York' });
    // America/New_York, 1 November 2026: 02:00 EDT becomes 01:00 EST.
    const times = nextFireTimes(halfHourly, new Date('2026-11-01T04:50:00Z'), 6);
    const gaps = times.slice(1).map((time, index) => time.getTime() - times[index]!.getTime());
    expect(gaps).toEqual([1_800_000, 1_800_000, 1_800_000, 1_800_000, 1_800_000]);
  });

  it('refuses a bad expression, a seventh field and an unknown time zone', () => {
    expect(() => fireClock({ cron: 'every day', timezone: 'UTC' })).toThrow(ScheduleSpecError);
    expect(() => fireClock({ cron: '* * * * * * *', timezone: 'UTC' })).toThrow(ScheduleSpecError);
    expect(() => fireClock({ cron: '* * * * *', timezone: 'Mars/Olympus' })).toThrow(ScheduleSpecError);
  });
});

describe('interval fire times', () => {
  it('parses a number and a unit', () => {
    expect(parseEvery('15m')).toBe(900_000);
    expect(parseEvery('1s')).toBe(1_000);
    expect(parseEvery('500ms')).toBe(500);
    expect(parseEvery('2d')).toBe(172_800_000);
    expect(parseEvery('0s')).toBeUndefined();
    expect(parseEvery('15 minutes')).toBeUndefined();
  });

  it('fires at anchor + k × interval, whenever it is asked', () => {
    const clock = fireClock({ everyMs: 60_000, anchor: new Date('2026-01-01T00:00:30Z') });
    expect(iso(nextFireTimes(clock, new Date('2026-01-01T00:05:00Z'), 2))).toEqual([
      '2026-01-01T00:05:30.000Z',
      '2026-01-01T00:06:30.000Z',
    ]);
    expect(nextFireTime(clock, new Date('2025-12-31T00:00:00Z'))?.toISOString()).toBe('2026-01-01T00:00:30.000Z');
  });
});

describe('fire windows', () => {
  const minutely = fireClock({ cron: '* * * * *', timezone: 'UTC' });

  it('starts no earlier than startAt and ends after endAt', () => {
    const window = { startAt: new Date('2026-01-01T00:10:00Z'), endAt: new Date('2026-01-01T00:11:00Z') };
    expect(iso(nextFireTimes(minutely, new Date('2026-01-01T00:00:00Z'), 5, window))).toEqual([
      '2026-01-01T00:10:00.000Z',
      '2026-01-01T00:11:00.000Z',
    ]);
    expect(nextFireTime(minutely, new Date('2026-01-01T00:11:00Z'), window)).toBeNull();
  });

  it('lists the fire times of a window, both ends included, keeping the latest when over the limit', () => {
    const from = new Date('2026-01-01T00:00:00Z');
    const to = new Date('2026-01-01T00:04:00Z');
    expect(fireTimesBetween(minutely, from, to, 10)).toEqual({
      times: [0, 1, 2, 3, 4].map((minute) => new Date(from.getTime() + minute * 60_000)),
      truncated: false,
    });
    const limited = fireTimesBetween(minutely, from, to, 2);
    expect(iso(limited.times)).toEqual(['2026-01-01T00:03:00.000Z', '2026-01-01T00:04:00.000Z']);
    expect(limited.truncated).toBe(true);
  });

  it('walks back a long gap in as many steps as the limit', () => {
    const perSecond = fireClock({ everyMs: 1_000, anchor: new Date('2026-01-01T00:00:00Z') });
    const { times, truncated } = fireTimesBetween(
      perSecond,
      new Date('2026-01-01T00:00:00Z'),
      new Date('2026-01-02T00:00:00Z'),
      3,
    );
    expect(iso(times)).toEqual(['2026-01-01T23:59:58.000Z', '2026-01-01T23:59:59.000Z', '2026-01-02T00:00:00.000Z']);
    expect(truncated).toBe(true);
  });
});
