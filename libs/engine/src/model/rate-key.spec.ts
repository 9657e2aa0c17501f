import { MAX_RATE_KEY_LENGTH, RateKeyTooLong, rateBucketOf, rateKeyLabel, type RateBucketSource } from './rate-key';

const source = (overrides: Partial<RateBucketSource>): RateBucketSource => ({
  tenant: 'acme',
  workflow: 'billing',
  taskKey: 'charge',
  type: 'http.request',
  own: undefined,
  renderedKey: undefined,
  typeDefault: undefined,
  ...overrides,
});

describe('rateBucketOf', () => {
  it('has no bucket without a limit of its own or of its type', () => {
    expect(rateBucketOf(source({}))).toBeNull();
  });

  it('qualifies a task’s own rendered key by its tenant, a number by its JSON text', () => {
    const own = { key: '{{ run.input.account }}', limit: 5, periodMs: 1000 };
    expect(rateBucketOf(source({ own, renderedKey: 'acct-1' }))).toEqual({
      rateKey: 'acme/acct-1',
      rateLimit: 5,
      ratePeriodMs: 1000,
    });
    expect(rateBucketOf(source({ own, renderedKey: 42 }))?.rateKey).toBe('acme/42');
    expect(rateBucketOf(source({ tenant: 'other', own, renderedKey: 'acct-1' }))?.rateKey).toBe('other/acct-1');
  });

  it('gives a task’s own limit without a key a bucket for the task, within the tenant', () => {
    expect(rateBucketOf(source({ own: { limit: 1, periodMs: 10 } }))?.rateKey).toBe('acme/@task:billing/charge');
  });

  it('falls back to the type’s default, one bucket per type (or per shared name) across tenants', () => {
    const typeDefault = { limit: 100, periodMs: 60_000 };
    expect(rateBucketOf(source({ typeDefault }))).toEqual({
      rateKey: '@type:http.request',
      rateLimit: 100,
      ratePeriodMs: 60_000,
    });
    expect(rateBucketOf(source({ tenant: 'other', typeDefault }))?.rateKey).toBe('@type:http.request');
    expect(rateBucketOf(source({ typeDefault: { ...typeDefault, key: 'github' } }))?.rateKey).toBe('@shared:github');
    // The task's own setting wins over its type's.
    expect(rateBucketOf(source({ typeDefault, own: { limit: 1, periodMs: 10 } }))?.rateLimit).toBe(1);
  });

  it('refuses a rendered key past its length limit', () => {
    const own = { key: '{{ run.input.k }}', limit: 1, periodMs: 10 };
    expect(() => rateBucketOf(source({ own, renderedKey: 'x'.repeat(MAX_RATE_KEY_LENGTH + 1) }))).toThrow(
      RateKeyTooLong,
    );
  });

  it('labels a stored key as its owner wrote it', () => {
    expect(rateKeyLabel('acme/acct-1')).toBe('acct-1');
    expect(rateKeyLabel('acme/a/b')).toBe('a/b');
    expect(rateKeyLabel('@type:http.request')).toBe('@type:http.request');
  });
});
