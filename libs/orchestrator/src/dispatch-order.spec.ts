import { dispatchBonusMs } from './dispatch-order';

describe('dispatchBonusMs', () => {
  const agingMs = 1_000;
  const dispatchAt = (readyAtMs: number, rank: number) => readyAtMs - dispatchBonusMs(rank, agingMs);

  it('puts a higher class first among tasks ready within the aging window', () => {
    expect(dispatchAt(900, 3)).toBeLessThan(dispatchAt(0, 0));
    expect(dispatchAt(900, 1)).toBeLessThan(dispatchAt(0, 0));
  });

  it('lets a low task that waited longer than the head start overtake fresh critical work', () => {
    expect(dispatchAt(0, 0)).toBeLessThan(dispatchAt(3_001, 3));
  });

  it('keeps FIFO within a class', () => {
    expect(dispatchAt(10, 2)).toBeLessThan(dispatchAt(11, 2));
  });
});
