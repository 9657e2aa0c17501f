import { decideCatchUp, decideOverlap, jitterOffsetMs, scheduleRunKey } from './fire-decisions';

const at = (second: number) => new Date(Date.UTC(2026, 0, 1, 0, 0, second));
const now = at(50);
const missed = [at(0), at(10), at(20)];
const onTime = [at(45), at(50)];

describe('decideCatchUp', () => {
  const graceMs = 10_000;

  it('starts on-time fire times whatever the policy', () => {
    for (const policy of ['none', 'latest', 'all'] as const)
      expect(decideCatchUp({ due: onTime, now, policy, graceMs })).toEqual(onTime);
  });

  it('none: drops missed fire times', () => {
    expect(decideCatchUp({ due: [...missed, ...onTime], now, policy: 'none', graceMs })).toEqual(onTime);
    expect(decideCatchUp({ due: missed, now, policy: 'none', graceMs })).toEqual([]);
  });

  it('latest: one run for a gap with nothing on time, none beside an on-time one', () => {
    expect(decideCatchUp({ due: missed, now, policy: 'latest', graceMs })).toEqual([at(20)]);
    expect(decideCatchUp({ due: [...missed, ...onTime], now, policy: 'latest', graceMs })).toEqual(onTime);
  });

  it('all: every due fire time', () => {
    expect(decideCatchUp({ due: [...missed, ...onTime], now, policy: 'all', graceMs })).toEqual([...missed, ...onTime]);
  });

  it('starts nothing when nothing is due', () => {
    expect(decideCatchUp({ due: [], now, policy: 'latest', graceMs })).toEqual([]);
  });
});

describe('decideOverlap', () => {
  const fires = [at(1), at(2), at(3)];

  it('starts the first fire time when nothing is active, whatever the policy', () => {
    expect(decideOverlap([at(1)], 'skip', false)).toEqual({ start: [at(1)], buffer: null, cancelActive: false });
    expect(decideOverlap([at(1)], 'buffer_one', false)).toEqual({ start: [at(1)], buffer: null, cancelActive: false });
    expect(decideOverlap([at(1)], 'cancel_running', false)).toEqual({
      start: [at(1)],
      buffer: null,
      cancelActive: false,
    });
  });

  it('skip: nothing while a run is active; of several, only the first', () => {
    expect(decideOverlap(fires, 'skip', true)).toEqual({ start: [], buffer: null, cancelActive: false });
    expect(decideOverlap(fires, 'skip', false).start).toEqual([at(1)]);
  });

  it('allow: every fire time', () => {
    expect(decideOverlap(fires, 'allow', true).start).toEqual(fires);
  });

  it('buffer_one: holds the latest fire time until the active run ends', () => {
    expect(decideOverlap(fires, 'buffer_one', true)).toEqual({ start: [], buffer: at(3), cancelActive: false });
    expect(decideOverlap(fires, 'buffer_one', false)).toEqual({ start: [at(1)], buffer: at(3), cancelActive: false });
  });

  it('cancel_running: cancels the active run and starts the latest fire time', () => {
    expect(decideOverlap(fires, 'cancel_running', true)).toEqual({
      start: [at(3)],
      buffer: null,
      cancelActive: true,
    });
  });

  it('does nothing without fire times', () => {
    expect(decideOverlap([], 'allow', true)).toEqual({ start: [], buffer: null, cancelActive: false });
  });
});

describe('jitter and run keys', () => {
  it('gives the same offset for the same schedule and fire time, inside the bound', () => {
    const offsets = Array.from({ length: 50 }, (_, second) => jitterOffsetMs('s-1', at(second), 1_000));
    expect(offsets.every((offset) => offset >= 0 && offset < 1_000)).toBe(true);
    expect(new Set(offsets).size).toBeGreaterThan(1);
    expect(jitterOffsetMs('s-1', at(7), 1_000)).toBe(offsets[7]);
    expect(jitterOffsetMs('s-1', at(7), 0)).toBe(0);
  });

  it('names the schedule and the exact fire time in the run key', () => {
    expect(scheduleRunKey('s-1', at(5))).toBe('schedule:s-1:2026-01-01T00:00:05.000Z');
  });
});
