/** Where a value cannot be stored, and why: `output.result contains a NUL character`. */
export interface JsonProblem {
  path: string;
  reason: string;
}

export function describeProblem(problem: JsonProblem): string {
  return `${problem.path} ${problem.reason}`;
}

// A high surrogate not followed by a low one, or a low one not preceded by a high one.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const SURROGATE = /[\uD800-\uDFFF]/;

/** What in a string PostgreSQL refuses in jsonb or text, if anything: each caller words it for its reader. */
export type UnstorableText = 'nul' | 'lone-surrogate';

export function classifyUnstorableText(text: string): UnstorableText | undefined {
  if (text.includes('\u0000')) return 'nul';
  if (SURROGATE.test(text) && LONE_SURROGATE.test(text)) return 'lone-surrogate';
  return undefined;
}

const STORED_TEXT_REASONS: Record<UnstorableText, string> = {
  nul: 'contains a NUL character (\\u0000), which PostgreSQL cannot store',
  'lone-surrogate': 'contains a lone UTF-16 surrogate, which PostgreSQL cannot store',
};

/** Why PostgreSQL would refuse this string in jsonb or text, if it would. */
function textProblem(text: string): string | undefined {
  const kind = classifyUnstorableText(text);
  return kind && STORED_TEXT_REASONS[kind];
}

function scalarBytes(value: unknown): number {
  if (typeof value === 'string') return Buffer.byteLength(value) + 2;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value).length;
  return 4; // null
}

/**
 * The first reason a JSON value could not be written to PostgreSQL, or
 * undefined when it can: a string (or key) holding a NUL character or a
 * lone surrogate, or a serialised size past `maxBytes`. One pass over the
 * value that stops at the first problem (so a huge value past the limit
 * costs only what it takes to find that out); iterative, so depth cannot
 * overflow the stack. `field` names the root in the problem's path.
 */
export function findUnstorable(
  value: unknown,
  field: string,
  maxBytes = Number.POSITIVE_INFINITY,
): JsonProblem | undefined {
  return inspectStorable(value, field, maxBytes).problem;
}

/** As findUnstorable, also giving the value's serialised size (approximate: escapes are not counted). */
export function inspectStorable(
  value: unknown,
  field: string,
  maxBytes = Number.POSITIVE_INFINITY,
): { bytes: number; problem?: JsonProblem } {
  let bytes = 0;
  // Paths are built only for the problem found: a large array costs no string per item.
  const stack: Entry[] = [{ value, parent: undefined, segment: field }];
  while (stack.length > 0) {
    const entry = stack.pop()!;
    const current = entry.value;
    if (current === undefined) continue;
    if (typeof current === 'string') {
      const reason = textProblem(current);
      if (reason) return { bytes, problem: { path: pathOf(entry), reason } };
    }
    if (typeof current !== 'object' || current === null) {
      bytes += scalarBytes(current);
    } else if (Array.isArray(current)) {
      bytes += 1 + current.length;
      // Numbers, booleans and nulls are counted here, not stacked: a large array costs no entry per such item.
      for (let index = current.length - 1; index >= 0; index -= 1) {
        const item: unknown = current[index];
        if (typeof item === 'string' || (typeof item === 'object' && item !== null))
          stack.push({ value: item, parent: entry, segment: index });
        else if (item !== undefined) bytes += scalarBytes(item);
      }
    } else {
      bytes += 2;
      for (const [key, item] of Object.entries(current as Record<string, unknown>)) {
        const reason = textProblem(key);
        if (reason) {
          const shown = key.replaceAll('\u0000', '?').replace(/[\uD800-\uDFFF]/g, '?');
          return { bytes, problem: { path: `${pathOf(entry)}.${shown}`, reason: `(a key) ${reason}` } };
        }
        bytes += Buffer.byteLength(key) + 4;
        stack.push({ value: item, parent: entry, segment: `.${key}` });
      }
    }
    if (bytes > maxBytes)
      return { bytes, problem: { path: pathOf(entry), reason: `is larger than the limit of ${maxBytes} bytes` } };
  }
  return { bytes };
}

interface Entry {
  value: unknown;
  parent: Entry | undefined;
  /** `.key`, or an array index (spelled `[index]` only when a path is shown). */
  segment: string | number;
}

function pathOf(entry: Entry): string {
  const segments: string[] = [];
  for (let at: Entry | undefined = entry; at; at = at.parent)
    segments.push(typeof at.segment === 'number' ? `[${at.segment}]` : at.segment);
  return segments.reverse().join('');
}

/**
 * Text PostgreSQL can store, keeping what it says: a NUL becomes the six
 * characters `\u0000` and a lone surrogate its `\uXXXX` escape. For log
 * lines, which are kept as they are rather than failing their task.
 */
export function escapeUnstorable(text: string): string {
  if (!text.includes('\u0000') && !SURROGATE.test(text)) return text;
  return text
    .replaceAll('\u0000', '\\u0000')
    .replace(
      /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g,
      (unit) => `\\u${unit.charCodeAt(0).toString(16)}`,
    );
}

/** A copy of a JSON value whose strings and keys are escaped as escapeUnstorable does. */
export function escapeUnstorableJson<T>(value: T): T {
  if (typeof value === 'string') return escapeUnstorable(value) as T;
  if (Array.isArray(value)) return value.map((item: unknown) => escapeUnstorableJson(item)) as T;
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [escapeUnstorable(key), escapeUnstorableJson(item as unknown)]),
    ) as T;
  }
  return value;
}
