import { isJsonObject } from './json-value';

/**
 * JSON with object keys sorted at every level, so that two documents that
 * differ only in key order serialise identically. Takes any JSON-shaped
 * value, typed documents (a workflow definition) included.
 */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (isJsonObject(value)) {
    const members = Object.keys(value)
      .filter((key) => value[key] !== undefined)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${canonicalJson(value[key])}`);
    return `{${members.join(',')}}`;
  }
  // undefined only reaches here as an array element, which JSON writes as null
  return JSON.stringify(value) ?? 'null';
}
