import { preciseTimestamp } from './precise-time';

describe('preciseTimestamp', () => {
  it('is now, to the microsecond, in a form PostgreSQL parses', () => {
    const before = Date.now();
    const stamp = preciseTimestamp();
    expect(stamp).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/);
    const parsed = Date.parse(stamp.replace(/(\.\d{3})\d{3}Z$/, '$1Z'));
    expect(parsed).toBeGreaterThanOrEqual(before - 1);
    expect(parsed).toBeLessThanOrEqual(Date.now() + 1);
  });

  it('orders stamps taken one after the other', () => {
    const stamps = Array.from({ length: 200 }, () => preciseTimestamp());
    expect([...stamps].sort()).toEqual(stamps);
  });
});
