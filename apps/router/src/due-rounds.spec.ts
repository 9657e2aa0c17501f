import type { Logger } from '@nestjs/common';
import { DueRounds, type DueRoundsOptions } from './due-rounds';

const logger = { error: jest.fn() } as unknown as Logger;

/** A DueRounds whose rounds are counted; `due` answers each next-due read in turn (the last one repeats). */
function rounds(options: Partial<DueRoundsOptions> & { due?: (number | null)[] } = {}) {
  const started: number[] = [];
  const due = options.due ?? [null];
  let reads = 0;
  const subject = new DueRounds({
    what: 'test rounds',
    round: async () => {
      started.push(Date.now());
      return false;
    },
    nextDueInMs: async () => due[Math.min(reads++, due.length - 1)] ?? null,
    minGapMs: 250,
    safetyPollMs: 5_000,
    logger,
    ...options,
  });
  return { subject, started };
}

describe('DueRounds', () => {
  beforeEach(() => {
    jest.useFakeTimers({ now: 0 });
  });
  afterEach(() => {
    jest.useRealTimers();
  });

  it('runs the next round when the earliest item falls due, not before', async () => {
    const { subject, started } = rounds({ due: [1_000, null] });
    subject.start();
    await jest.advanceTimersByTimeAsync(999);
    expect(started).toEqual([0]);
    await jest.advanceTimersByTimeAsync(1);
    expect(started).toEqual([0, 1_000]);
    await subject.stop();
  });

  it('with nothing pending, looks again only at the safety poll', async () => {
    const { subject, started } = rounds();
    subject.start();
    await jest.advanceTimersByTimeAsync(12_000);
    expect(started).toEqual([0, 5_000, 10_000]);
    await subject.stop();
  });

  it('answers a burst of notices with one round, no sooner than the gap after the last', async () => {
    const { subject, started } = rounds();
    subject.start();
    await jest.advanceTimersByTimeAsync(100);
    for (let i = 0; i < 10; i += 1) subject.notice();
    await jest.advanceTimersByTimeAsync(149);
    expect(started).toEqual([0]);
    await jest.advanceTimersByTimeAsync(1);
    expect(started).toEqual([0, 250]);
    await jest.advanceTimersByTimeAsync(1_000);
    subject.notice();
    await jest.advanceTimersByTimeAsync(0);
    expect(started).toEqual([0, 250, 1_250]);
    await subject.stop();
  });

  it('keeps the gap between rounds when an item is already due', async () => {
    const { subject, started } = rounds({ due: [-50, null] });
    subject.start();
    await jest.advanceTimersByTimeAsync(300);
    expect(started).toEqual([0, 250]);
    await subject.stop();
  });

  it('follows a full batch at once', async () => {
    let left = 3;
    const { subject, started } = rounds({
      round: async () => {
        started.push(Date.now());
        left -= 1;
        return left > 0;
      },
    });
    subject.start();
    await jest.advanceTimersByTimeAsync(0);
    expect(started).toEqual([0, 0, 0]);
    await subject.stop();
  });

  it('tries a failed round again after a second, not at the safety poll', async () => {
    let fail = true;
    const started: number[] = [];
    const { subject } = rounds({
      round: async () => {
        started.push(Date.now());
        if (fail) {
          fail = false;
          throw new Error('database down');
        }
        return false;
      },
    });
    subject.start();
    await jest.advanceTimersByTimeAsync(1_000);
    expect(started).toEqual([0, 1_000]);
    expect(logger.error).toHaveBeenCalledWith('test rounds failed: database down');
    await subject.stop();
  });

  it('runs nothing after stop', async () => {
    const { subject, started } = rounds({ due: [100] });
    subject.start();
    await jest.advanceTimersByTimeAsync(0);
    await subject.stop();
    subject.notice();
    await jest.advanceTimersByTimeAsync(10_000);
    expect(started).toEqual([0]);
  });
});
