import { ResourceGate } from './resource-gate';

describe('ResourceGate', () => {
  it('admits tasks while their profiles fit and queues the rest', async () => {
    const gate = new ResourceGate({ cpu: 2, memoryMb: 4096, slots: 100 });
    const first = await gate.acquire({ cpu: 1, memoryMb: 512 });
    const second = await gate.acquire({ cpu: 1, memoryMb: 512 });
    let thirdAdmitted = false;
    const third = gate.acquire({ cpu: 1, memoryMb: 512 }).then((release) => {
      thirdAdmitted = true;
      return release;
    });
    await Promise.resolve();
    expect(thirdAdmitted).toBe(false);
    expect(gate.waiting()).toBe(1);
    expect(gate.load()).toEqual({ cpu: 2, memoryMb: 1024, active: 2 });
    first();
    (await third)();
    expect(gate.waiting()).toBe(0);
    expect(thirdAdmitted).toBe(true);
    second();
    expect(gate.load()).toEqual({ cpu: 0, memoryMb: 0, active: 0 });
  });

  it('bounds memory as well as cpu', async () => {
    const gate = new ResourceGate({ cpu: 8, memoryMb: 1000, slots: 100 });
    await gate.acquire({ cpu: 0.1, memoryMb: 600 });
    expect(gate.fits({ cpu: 0.1, memoryMb: 600 })).toBe(false);
    expect(gate.fits({ cpu: 0.1, memoryMb: 400 })).toBe(true);
  });

  it('never admits more waiters than fit when several are released at once', async () => {
    const gate = new ResourceGate({ cpu: 2, memoryMb: 10_000, slots: 100 });
    const holders = [await gate.acquire({ cpu: 1, memoryMb: 1 }), await gate.acquire({ cpu: 1, memoryMb: 1 })];
    const waiting = [1, 2, 3].map(() => gate.acquire({ cpu: 1, memoryMb: 1 }));
    holders.forEach((release) => release());
    await Promise.race([Promise.all(waiting.slice(0, 2)), new Promise((resolve) => setTimeout(resolve, 50))]);
    expect(gate.load().active).toBe(2);
  });

  it('clamps a need larger than the whole executor so it can still run alone', async () => {
    const gate = new ResourceGate({ cpu: 1, memoryMb: 512, slots: 10 });
    const release = await gate.acquire({ cpu: 4, memoryMb: 4096 });
    expect(gate.load()).toEqual({ cpu: 1, memoryMb: 512, active: 1 });
    release();
  });

  it('tells whether several more tasks would fit, for pollers that resume only with room to spare', async () => {
    const gate = new ResourceGate({ cpu: 1, memoryMb: 1000, slots: 10 });
    await gate.acquire({ cpu: 0.25, memoryMb: 100 });
    expect(gate.fits({ cpu: 0.25, memoryMb: 100 }, 3)).toBe(true);
    expect(gate.fits({ cpu: 0.25, memoryMb: 100 }, 4)).toBe(false);
    expect(gate.fits({ cpu: 0.01, memoryMb: 1 }, 9)).toBe(true);
    expect(gate.fits({ cpu: 0.01, memoryMb: 1 }, 10)).toBe(false);
  });

  it('caps the number of concurrent tasks', async () => {
    const gate = new ResourceGate({ cpu: 100, memoryMb: 100_000, slots: 1 });
    await gate.acquire({ cpu: 0.1, memoryMb: 1 });
    expect(gate.fits({ cpu: 0.1, memoryMb: 1 })).toBe(false);
  });
});

describe('ResourceGate change notifications', () => {
  it('tells listeners after every admission and release', async () => {
    const gate = new ResourceGate({ cpu: 1, memoryMb: 100, slots: 10 });
    const fitsAfterEach: boolean[] = [];
    gate.onChange(() => fitsAfterEach.push(gate.fits({ cpu: 1, memoryMb: 10 })));
    const release = await gate.acquire({ cpu: 1, memoryMb: 10 });
    release();
    expect(fitsAfterEach).toEqual([false, true]);
  });
});
