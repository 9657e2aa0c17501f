import { InvalidResourceSpecError, UnknownResourceProfileError } from '../errors/sdk-errors';
import { resolveResources } from './resolve-resources';
import { RESOURCE_PROFILES } from './resource-profile';

describe('resolveResources', () => {
  it('defaults to the default profile', () => {
    expect(resolveResources()).toEqual({ name: 'default', cpu: 0.25, memoryMb: 256, timeoutMs: 30_000 });
  });

  it('resolves every named profile by name and as { profile }', () => {
    for (const [name, profile] of Object.entries(RESOURCE_PROFILES)) {
      expect(resolveResources(name as keyof typeof RESOURCE_PROFILES)).toEqual(profile);
      expect(resolveResources({ profile: name as keyof typeof RESOURCE_PROFILES })).toEqual(profile);
    }
    expect(RESOURCE_PROFILES['cpu-intensive']).toMatchObject({ cpu: 1, memoryMb: 512, timeoutMs: 300_000 });
    expect(RESOURCE_PROFILES['memory-intensive']).toMatchObject({ cpu: 0.5, memoryMb: 2_048, timeoutMs: 300_000 });
    expect(RESOURCE_PROFILES['io-intensive']).toMatchObject({ cpu: 0.02, memoryMb: 32, timeoutMs: 60_000 });
  });

  it('applies overrides on top of a profile and names the result custom', () => {
    expect(resolveResources({ profile: 'io-intensive', timeoutMs: 5_000 })).toEqual({
      name: 'custom',
      cpu: 0.02,
      memoryMb: 32,
      timeoutMs: 5_000,
    });
    expect(resolveResources({ memoryMb: 1_024 })).toEqual({
      name: 'custom',
      cpu: 0.25,
      memoryMb: 1_024,
      timeoutMs: 30_000,
    });
  });

  it('rejects an unknown profile with a named error listing the valid names', () => {
    expect(() => resolveResources('gpu' as never)).toThrow(UnknownResourceProfileError);
    expect(() => resolveResources({ profile: 'huge' as never })).toThrow(
      /unknown resource profile "huge"; use one of default, cpu-intensive, memory-intensive, io-intensive/,
    );
  });

  it.each([
    [{ cpu: 0 }, /resources.cpu/],
    [{ memoryMb: 8 }, /resources.memoryMb must be an integer >= 32/],
    [{ memoryMb: 100.5 }, /resources.memoryMb/],
    [{ timeoutMs: -1 }, /resources.timeoutMs/],
    [{ timeoutMs: Number.POSITIVE_INFINITY }, /resources.timeoutMs/],
  ])('rejects %j', (spec, message) => {
    expect(() => resolveResources(spec)).toThrow(InvalidResourceSpecError);
    expect(() => resolveResources(spec)).toThrow(message);
  });
});
