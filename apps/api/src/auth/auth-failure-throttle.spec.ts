import { AuthFailureThrottle } from './auth-failure-throttle';

describe('AuthFailureThrottle', () => {
  it('refuses a client past the limit for the rest of its minute, others not', () => {
    let now = 0;
    const throttle = new AuthFailureThrottle(3, () => now);
    for (let i = 0; i < 3; i++) {
      expect(() => throttle.check('10.0.0.1')).not.toThrow();
      throttle.recordFailure('10.0.0.1');
    }
    now = 15_000;
    expect(() => throttle.check('10.0.0.1')).toThrow(
      expect.objectContaining({ name: 'RateLimitedError', retryAfterSeconds: 45 }),
    );
    expect(() => throttle.check('10.0.0.2')).not.toThrow();
    now = 60_000;
    expect(() => throttle.check('10.0.0.1')).not.toThrow();
  });

  it('does nothing with a limit of 0 or without a client address', () => {
    const off = new AuthFailureThrottle(0);
    for (let i = 0; i < 100; i++) off.recordFailure('10.0.0.1');
    expect(() => off.check('10.0.0.1')).not.toThrow();
    const on = new AuthFailureThrottle(1);
    on.recordFailure(undefined);
    expect(() => on.check(undefined)).not.toThrow();
  });
});
