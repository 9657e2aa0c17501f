import { preciseTimestamp } from './precise-time';

describe('preciseTimestamp', () => {
  it('is now, to the microsecond, in a form PostgreSQL parses', () => {
    const clock = () => performance.timeOrigin + performance.now();
    const before = { wall: Date.now(), micros: Math.floor(clock() * 1000) };
    const stamp = preciseTimestamp();
    const after = { wall: Date.now(), micros: Math.ceil(clock() * 1000) };
    expect(stamp).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/);
    const micros = Date.parse(stamp.replace(/(\.\d{3})\d{3}Z$/, '$1Z')) * 1000 + Number(stamp.slice(-4, -1));
    // Every digit, down to the microsecond, is the reading of the clock it is taken from.
    expect(micros).toBeGreaterThanOrEqual(before.micros);
    expect(micros).toBeLessThanOrEqual(after.micros);
    // That clock counts from the process's start, so a step of the wall clock since then (a time sync) parts
    // the two: against the wall clock it is now, give or take such a step.
    expect(micros / 1000).toBeGreaterThanOrEqual(before.wall - 50);
    expect(micros / 1000).toBeLessThanOrEqual(after.wall + 50);
  });

  it('orders stamps taken one after the other', () => {
    const stamps = Array.from({ length: 200 }, () => preciseTimestamp());
    expect([...stamps].sort()).toEqual(stamps);
  });
});
