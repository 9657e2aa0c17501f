import { Batcher } from './batcher';

/** A send that records its batches and holds each one open until released. */
function heldSends() {
  const batches: number[][] = [];
  const releases: (() => void)[] = [];
  const send = (items: number[]) => {
    batches.push(items);
    return new Promise<void>((resolve) => releases.push(resolve));
  };
  return { batches, send, releaseNext: () => releases.shift()?.() };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('Batcher', () => {
  it('sends as soon as maxSize items wait, without waiting for maxWaitMs', () => {
    const { batches, send } = heldSends();
    const batcher = new Batcher({ maxSize: 2, maxWaitMs: 60_000 }, send);
    batcher.add(1);
    expect(batches).toEqual([]);
    batcher.add(2);
    expect(batches).toEqual([[1, 2]]);
  });

  it('with maxWaitMs 0 sends what arrived together once the loop turns, with no timer', async () => {
    const { batches, send } = heldSends();
    const timers = jest.spyOn(global, 'setTimeout');
    try {
      const batcher = new Batcher({ maxSize: 10, maxWaitMs: 0 }, send);
      batcher.add(1);
      batcher.add(2);
      expect(batches).toEqual([]);
      await settle();
      expect(batches).toEqual([[1, 2]]);
      batcher.add(3);
      expect(batcher.takeWaiting()).toEqual([3]);
      await settle();
      expect(batches).toEqual([[1, 2]]);
      expect(timers).not.toHaveBeenCalled();
    } finally {
      timers.mockRestore();
    }
  });

  it('takes items back: remove one, takeWaiting the rest, and sends none of them', () => {
    const { batches, send } = heldSends();
    const batcher = new Batcher({ maxSize: 10, maxWaitMs: 60_000 }, send);
    [1, 2, 3].forEach((item) => batcher.add(item));
    expect(batcher.remove(2)).toBe(true);
    expect(batcher.remove(2)).toBe(false);
    expect(batcher.takeWaiting()).toEqual([1, 3]);
    expect(batches).toEqual([]);
  });

  it('holds items at maxInFlight and sends them together, at most maxSize at a time, as batches return', async () => {
    const { batches, send, releaseNext } = heldSends();
    const batcher = new Batcher({ maxSize: 2, maxWaitMs: 60_000, maxInFlight: 1 }, send);
    [1, 2, 3, 4, 5].forEach((item) => batcher.add(item));
    expect(batches).toEqual([[1, 2]]);
    releaseNext();
    await settle();
    expect(batches).toEqual([
      [1, 2],
      [3, 4],
    ]);
    releaseNext();
    await settle();
    expect(batches).toEqual([[1, 2], [3, 4], [5]]);
    expect(batcher.takeWaiting()).toEqual([]);
    releaseNext();
  });

  it('sendAll sends past maxInFlight and resolves once every batch sent has returned', async () => {
    const { batches, send, releaseNext } = heldSends();
    const batcher = new Batcher({ maxSize: 2, maxWaitMs: 60_000, maxInFlight: 1 }, send);
    [1, 2, 3].forEach((item) => batcher.add(item));
    let done = false;
    const all = batcher.sendAll().then(() => (done = true));
    expect(batches).toEqual([[1, 2], [3]]);
    releaseNext();
    await settle();
    expect(done).toBe(false);
    releaseNext();
    await all;
    expect(done).toBe(true);
  });
});
