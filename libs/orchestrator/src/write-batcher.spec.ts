import { WriteBatcher } from './write-batcher';

describe('WriteBatcher', () => {
  it('writes concurrent submissions together and answers each caller', async () => {
    const writes: number[][] = [];
    const batcher = new WriteBatcher<number, number>(
      async (items) => {
        writes.push(items);
        return items.map((item) => item * 10);
      },
      { maxSize: 100, maxWaitMs: 5 },
    );
    const results = await Promise.all([1, 2, 3].map((item) => batcher.submit(item)));
    expect(results).toEqual([10, 20, 30]);
    expect(writes).toEqual([[1, 2, 3]]);
  });

  it('flushes as soon as a batch is full', async () => {
    const writes: number[][] = [];
    const batcher = new WriteBatcher<number>(
      async (items) => {
        writes.push(items);
        return items.map(() => undefined);
      },
      { maxSize: 2, maxWaitMs: 60_000 },
    );
    await Promise.all([batcher.submit(1), batcher.submit(2)]);
    expect(writes).toEqual([[1, 2]]);
  });

  it('rejects every caller of a failed write', async () => {
    const batcher = new WriteBatcher<number>(
      async () => {
        throw new Error('database down');
      },
      { maxSize: 10, maxWaitMs: 1 },
    );
    const outcomes = await Promise.allSettled([batcher.submit(1), batcher.submit(2)]);
    expect(outcomes.map((outcome) => outcome.status)).toEqual(['rejected', 'rejected']);
  });

  it('drain writes what is waiting without waiting for the linger', async () => {
    const writes: number[][] = [];
    const batcher = new WriteBatcher<number>(
      async (items) => {
        writes.push(items);
        return items.map(() => undefined);
      },
      { maxSize: 10, maxWaitMs: 60_000 },
    );
    const submitted = batcher.submit(7);
    await batcher.drain();
    await submitted;
    expect(writes).toEqual([[7]]);
  });

  /** One write in flight at most, the first held open until `release`: what arrives meanwhile waits at the limit. */
  function heldFirstWrite(maxSize: number) {
    const writes: number[][] = [];
    let release: () => void = () => undefined;
    const batcher = new WriteBatcher<number>(
      async (items) => {
        writes.push(items);
        if (writes.length === 1) await new Promise<void>((resolve) => (release = resolve));
        return items.map(() => undefined);
      },
      { maxSize, maxWaitMs: 0, maxInFlight: 1 },
    );
    return { batcher, writes, release: () => release() };
  }

  it('gathers what arrives while the in-flight limit is reached and sends it together when a write returns', async () => {
    const { batcher, writes, release } = heldFirstWrite(100);
    const first = batcher.submit(1);
    await new Promise((resolve) => setTimeout(resolve, 5));
    const later = [2, 3, 4].map((item) => batcher.submit(item));
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(writes).toEqual([[1]]);
    release();
    await Promise.all([first, ...later]);
    expect(writes).toEqual([[1], [2, 3, 4]]);
  });

  it('never puts more than maxSize items in one write, even after waiting at the limit', async () => {
    const { batcher, writes, release } = heldFirstWrite(2);
    const submitted = [1, 2, 3, 4, 5].map((item) => batcher.submit(item));
    await new Promise((resolve) => setTimeout(resolve, 5));
    release();
    await Promise.all(submitted);
    expect(writes).toEqual([[1, 2], [3, 4], [5]]);
  });

  it('splits a batch that fails with an item error and fails only the item at fault', async () => {
    const writes: number[][] = [];
    const itemError = Object.assign(new Error('bad item'), { code: '22P05' });
    const batcher = new WriteBatcher<number, number>(
      async (items) => {
        writes.push(items);
        if (items.includes(3)) throw itemError;
        return items.map((item) => item * 10);
      },
      { maxSize: 100, maxWaitMs: 1, isolate: (error) => error === itemError },
    );
    const results = await Promise.allSettled([1, 2, 3, 4, 5].map((item) => batcher.submit(item)));
    expect(results.map((result) => (result.status === 'fulfilled' ? result.value : 'rejected'))).toEqual([
      10,
      20,
      'rejected',
      40,
      50,
    ]);
    expect(writes[0]).toEqual([1, 2, 3, 4, 5]);
  });

  it("fails the whole batch on an error that is not the items' fault", async () => {
    const batcher = new WriteBatcher<number, number>(() => Promise.reject(new Error('connection lost')), {
      maxSize: 100,
      maxWaitMs: 1,
      isolate: () => false,
    });
    const results = await Promise.allSettled([1, 2].map((item) => batcher.submit(item)));
    expect(results.every((result) => result.status === 'rejected')).toBe(true);
  });
});
