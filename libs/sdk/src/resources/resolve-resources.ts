import { InvalidResourceSpecError, UnknownResourceProfileError } from '../errors/sdk-errors';
import {
  RESOURCE_PROFILE_NAMES,
  RESOURCE_PROFILES,
  type ResourceProfile,
  type ResourceProfileName,
  type ResourceSpec,
} from './resource-profile';

/** Smallest heap V8 runs a worker with; below this a worker cannot even load the SDK. */
export const MIN_MEMORY_MB = 32;
/** setTimeout's limit (2^31 - 1 ms, about 24.8 days). */
export const MAX_TIMEOUT_MS = 2_147_483_647;

/**
 * A resource spec to a concrete profile. No spec means `default`; a spec
 * with overrides is named `custom`. Throws UnknownResourceProfileError for an
 * unknown profile name and InvalidResourceSpecError for a bad number.
 */
export function resolveResources(spec?: ResourceSpec): ResourceProfile {
  const overrides = typeof spec === 'string' ? { profile: spec } : (spec ?? {});
  const base = profileNamed(overrides.profile ?? 'default');
  const custom = overrides.cpu !== undefined || overrides.memoryMb !== undefined || overrides.timeoutMs !== undefined;
  return {
    name: custom ? 'custom' : base.name,
    cpu: check('cpu', overrides.cpu ?? base.cpu, (v) => v > 0 && v <= 1_024, 'a number of cores > 0'),
    memoryMb: check(
      'memoryMb',
      overrides.memoryMb ?? base.memoryMb,
      (v) => Number.isInteger(v) && v >= MIN_MEMORY_MB,
      `an integer >= ${MIN_MEMORY_MB}`,
    ),
    timeoutMs: check(
      'timeoutMs',
      overrides.timeoutMs ?? base.timeoutMs,
      (v) => Number.isInteger(v) && v >= 1 && v <= MAX_TIMEOUT_MS,
      `an integer between 1 and ${MAX_TIMEOUT_MS}`,
    ),
  };
}

export function isResourceProfileName(value: unknown): value is ResourceProfileName {
  return typeof value === 'string' && Object.hasOwn(RESOURCE_PROFILES, value);
}

function profileNamed(name: string): ResourceProfile {
  if (!isResourceProfileName(name)) {
    throw new UnknownResourceProfileError(
      `unknown resource profile "${name}"; use one of ${RESOURCE_PROFILE_NAMES.join(', ')} or give cpu, memoryMb and timeoutMs`,
    );
  }
  return RESOURCE_PROFILES[name];
}

function check(field: string, value: unknown, valid: (v: number) => boolean, expected: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || !valid(value)) {
    throw new InvalidResourceSpecError(`resources.${field} must be ${expected}, got ${JSON.stringify(value)}`);
  }
  return value;
}
