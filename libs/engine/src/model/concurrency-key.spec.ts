import {
  ConcurrencyKeyTooLong,
  MAX_CONCURRENCY_KEY_LENGTH,
  qualifiedConcurrencyKey,
  unqualifiedConcurrencyKey,
} from './concurrency-key';

describe('qualifiedConcurrencyKey', () => {
  it('prefixes the tenant, so tenants never share a key', () => {
    expect(qualifiedConcurrencyKey('acme', 'customer-1')).toBe('acme/customer-1');
    expect(qualifiedConcurrencyKey('globex', 'customer-1')).not.toBe(qualifiedConcurrencyKey('acme', 'customer-1'));
  });

  it('keeps strings as they are and writes other values as JSON', () => {
    expect(qualifiedConcurrencyKey('t', 7)).toBe('t/7');
    expect(qualifiedConcurrencyKey('t', { a: 1 })).toBe('t/{"a":1}');
    expect(qualifiedConcurrencyKey('t', null)).toBe('t/null');
    expect(qualifiedConcurrencyKey('t', undefined)).toBe('t/null');
  });

  it('refuses a key past the length limit with a named error', () => {
    expect(() => qualifiedConcurrencyKey('t', 'x'.repeat(MAX_CONCURRENCY_KEY_LENGTH + 1))).toThrow(
      ConcurrencyKeyTooLong,
    );
    expect(qualifiedConcurrencyKey('t', 'x'.repeat(MAX_CONCURRENCY_KEY_LENGTH))).toHaveLength(
      MAX_CONCURRENCY_KEY_LENGTH + 2,
    );
  });

  it('is read back into tenant and key, a key holding slashes included', () => {
    expect(unqualifiedConcurrencyKey('acme/a/b')).toEqual({ tenant: 'acme', key: 'a/b' });
  });
});
