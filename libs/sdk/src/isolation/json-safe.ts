/**
 * Anything to plain JSON for logs and heartbeats: errors become
 * { name, message }, bigints strings, cycles and functions a marker. Never throws.
 */
export function toJsonSafe(value: unknown): unknown {
  if (value === undefined) return undefined;
  const seen = new WeakSet<object>();
  try {
    const text = JSON.stringify(value, (_key, v: unknown) => {
      if (typeof v === 'bigint') return v.toString();
      if (typeof v === 'function' || typeof v === 'symbol') return `[${typeof v}]`;
      if (v instanceof Error) return { name: v.name, message: v.message };
      if (typeof v === 'object' && v !== null) {
        if (seen.has(v)) return '[circular]';
        seen.add(v);
      }
      return v;
    });
    return text === undefined ? undefined : (JSON.parse(text) as unknown);
  } catch (error) {
    return `[unserializable: ${(error as Error).message}]`;
  }
}
