import type { TaskTypeRepository } from '@taskloom/persistence';
import { RATE_DEFAULTS_REUSE_MS, RateLimitDefaults } from './rate-limit-defaults.service';

describe('RateLimitDefaults', () => {
  afterEach(() => jest.useRealTimers());

  it('reads the types’ defaults once per reuse period, and again after a failed read', async () => {
    jest.useFakeTimers({ now: 0 });
    const rateDefaults = jest
      .fn()
      .mockRejectedValueOnce(new Error('database down'))
      .mockResolvedValue([{ type: 'http.request', rateLimit: { limit: 10, periodMs: 1000 } }]);
    const defaults = new RateLimitDefaults({ rateDefaults } as unknown as TaskTypeRepository);

    await expect(defaults.current()).rejects.toThrow('database down');
    const first = await defaults.current();
    expect(first.get('http.request')).toEqual({ limit: 10, periodMs: 1000 });
    await defaults.current();
    expect(rateDefaults).toHaveBeenCalledTimes(2);

    jest.setSystemTime(RATE_DEFAULTS_REUSE_MS + 1);
    await defaults.current();
    expect(rateDefaults).toHaveBeenCalledTimes(3);
  });
});
