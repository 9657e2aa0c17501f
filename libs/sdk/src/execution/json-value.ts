/**
 * Where a value stops being plain JSON, as a dotted path and a reason, or
 * undefined if it is plain JSON all the way down. Task inputs and outputs
 * are stored as JSON, so anything else would change or vanish on the way.
 */
export function findNonJson(
  value: unknown,
  path = '',
  seen = new Set<object>(),
): { path: string; reason: string } | undefined {
  const at = path === '' ? '(root)' : path;
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return undefined;
    case 'number':
      return Number.isFinite(value) ? undefined : { path: at, reason: `${value} is not a JSON number` };
    case 'object':
      break;
    default:
      return { path: at, reason: `a ${typeof value} is not JSON` };
  }
  if (value === null) return undefined;
  if (seen.has(value)) return { path: at, reason: 'circular reference' };
  seen.add(value);
  try {
    if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i++) {
        const found = findNonJson(value[i], `${path}[${i}]`, seen);
        if (found) return found;
      }
      return undefined;
    }
    const proto = Object.getPrototypeOf(value) as unknown;
    if (proto !== Object.prototype && proto !== null) {
      return {
        path: at,
        reason: `a ${(value as object).constructor?.name ?? 'class instance'} is not a plain JSON object`,
      };
    }
    for (const [key, item] of Object.entries(value)) {
      if (item === undefined) continue; // dropped by JSON, like an absent key
      const found = findNonJson(item, path === '' ? key : `${path}.${key}`, seen);
      if (found) return found;
    }
    return undefined;
  } finally {
    seen.delete(value);
  }
}
