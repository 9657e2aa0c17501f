/** A value JSON can hold, with nothing but plain objects and arrays inside. */
export type PlainJson = null | boolean | number | string | PlainJson[] | { [key: string]: PlainJson };

/**
 * Copies a value (a JSONata result, typically) into plain JSON: JSONata
 * sequences become plain arrays, nothing aliases the value it was read
 * from, and what JSON cannot hold (a function, a non-finite number) is
 * refused rather than lost. `refuse` turns the problem ("produced NaN,
 * which JSON cannot hold") into the caller's own error. Members that are
 * undefined are dropped from objects and become null in arrays, as
 * JSON.stringify does.
 */
export function toPlainJson(value: unknown, refuse: (problem: string) => Error): PlainJson | undefined {
  if (value === undefined || value === null || typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') {
    if (Number.isFinite(value)) return value;
    throw refuse(`produced ${value}, which JSON cannot hold`);
  }
  if (typeof value === 'function' || isJsonataFunction(value)) throw refuse('produced a function, not a JSON value');
  if (Array.isArray(value)) return value.map((item) => toPlainJson(item, refuse) ?? null);
  if (typeof value === 'object') {
    const entries: [string, PlainJson][] = [];
    for (const [key, member] of Object.entries(value)) {
      const json = toPlainJson(member, refuse);
      if (json !== undefined) entries.push([key, json]);
    }
    // fromEntries defines own properties, so a "__proto__" key stays data.
    return Object.fromEntries(entries);
  }
  throw refuse(`produced a ${typeof value}, not a JSON value`);
}

/** JSONata marks the functions it returns (lambdas and built-ins) instead of returning JS functions. */
function isJsonataFunction(value: unknown): boolean {
  const marked = value as { _jsonata_lambda?: boolean; _jsonata_function?: boolean } | null;
  return (
    typeof value === 'object' && !!marked && (marked._jsonata_lambda === true || marked._jsonata_function === true)
  );
}
