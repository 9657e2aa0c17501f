import { bearerKey, generateApiKey, hashSecret, parseApiKey, secretMatches } from './api-key';

describe('API keys', () => {
  it('generates keys that parse back to their id and secret, with a hash of the secret', () => {
    const generated = generateApiKey();
    expect(generated.key).toMatch(/^tlk_[0-9a-f]{32}_[0-9a-f]{64}$/);
    expect(generated.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(parseApiKey(generated.key)).toEqual({ id: generated.id, secret: generated.secret });
    expect(generated.secretHash).toEqual(hashSecret(generated.secret));
    expect(generated.secretHash).toHaveLength(32);
  });

  it('never generates the same key twice', () => {
    const keys = new Set(Array.from({ length: 100 }, () => generateApiKey().key));
    expect(keys.size).toBe(100);
  });

  it.each([
    ['empty', ''],
    ['another prefix', `xyz_${'a'.repeat(32)}_${'b'.repeat(64)}`],
    ['a short secret', `tlk_${'a'.repeat(32)}_${'b'.repeat(63)}`],
    ['upper-case hex', `tlk_${'A'.repeat(32)}_${'b'.repeat(64)}`],
    ['trailing text', `tlk_${'a'.repeat(32)}_${'b'.repeat(64)}x`],
  ])('rejects %s', (_, value) => {
    expect(parseApiKey(value)).toBeUndefined();
  });

  it('reads the key from a Bearer authorization header only', () => {
    const { key, id } = generateApiKey();
    expect(bearerKey(`Bearer ${key}`)?.id).toBe(id);
    expect(bearerKey(`bearer  ${key}`)?.id).toBe(id);
    expect(bearerKey(`Basic ${key}`)).toBeUndefined();
    expect(bearerKey(key)).toBeUndefined();
    expect(bearerKey(undefined)).toBeUndefined();
  });

  it('matches a secret against its stored hash and nothing else', () => {
    const { secret, secretHash } = generateApiKey();
    expect(secretMatches(secret, secretHash)).toBe(true);
    expect(
      secretMatches(
        secret.replace(/.$/, (last) => (last === '0' ? '1' : '0')),
        secretHash,
      ),
    ).toBe(false);
    expect(secretMatches(secret, Buffer.alloc(16))).toBe(false);
  });
});
