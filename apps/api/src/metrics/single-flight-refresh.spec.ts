import { SingleFlightRefresh } from './single-flight-refresh';

describe('SingleFlightRefresh', () => {
  it('shares one refresh among concurrent callers and skips calls within the interval', async () => {
    let now = 0;
    let calls = 0;
    let release!: () => void;
    const refresh = new SingleFlightRefresh(
      () => {
        calls++;
        return new Promise<void>((resolve) => (release = resolve));
      },
      1_000,
      () => now,
    );
    const scrapes = Array.from({ length: 50 }, () => refresh.run());
    release();
    await Promise.all(scrapes);
    expect(calls).toBe(1);
    now = 999;
    await refresh.run();
    expect(calls).toBe(1);
    now = 1_000;
    const next = refresh.run();
    release();
    await next;
    expect(calls).toBe(2);
  });

  it('tries again at once after a failure', async () => {
    let calls = 0;
    const refresh = new SingleFlightRefresh(() => {
      calls++;
      return calls === 1 ? Promise.reject(new Error('postgres down')) : Promise.resolve();
    }, 60_000);
    await expect(refresh.run()).rejects.toThrow('postgres down');
    await refresh.run();
    expect(calls).toBe(2);
  });

  it('refreshes on every call with an interval of 0', async () => {
    let calls = 0;
    const refresh = new SingleFlightRefresh(() => Promise.resolve(void calls++), 0);
    await refresh.run();
    await refresh.run();
    expect(calls).toBe(2);
  });
});
