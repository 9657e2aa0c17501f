import { classifyUnstorableText, type UnstorableText } from '@taskloom/engine';

/** Where a request value cannot be taken, and why. */
export interface UnstorableValue {
  path: string;
  message: string;
}

const REQUEST_TEXT_REASONS: Record<UnstorableText, string> = {
  nul: 'must not contain a NUL character (\\u0000)',
  'lone-surrogate': 'must not contain a lone UTF-16 surrogate (invalid Unicode)',
};

interface Entry {
  value: unknown;
  depth: number;
  parent: Entry | undefined;
  key: string;
}

/**
 * The first value in a parsed JSON body, query or parameter set that no
 * handler should see: a string (or property name) holding a NUL character,
 * which PostgreSQL cannot store in text or jsonb, or a lone UTF-16
 * surrogate, which it cannot store either; or nesting deeper than
 * `maxDepth`, which recursive schema parsing would overflow on. Iterative,
 * so any depth is safe to scan; numbers, booleans and nulls are never
 * stacked, and a path is spelled only for the value at fault, so a body of
 * a million array items costs no string per item.
 */
export function findUnstorableValue(root: unknown, maxDepth: number, rootPath: string): UnstorableValue | undefined {
  const stack: Entry[] = [{ value: root, depth: 0, parent: undefined, key: rootPath }];
  for (let entry = stack.pop(); entry !== undefined; entry = stack.pop()) {
    const { value, depth } = entry;
    if (typeof value === 'string') {
      const problem = stringProblem(value);
      if (problem) return { path: pathOf(entry), message: problem };
      continue;
    }
    if (typeof value !== 'object' || value === null) continue;
    if (depth >= maxDepth) {
      return { path: pathOf(entry), message: `nested deeper than ${maxDepth} levels (API_MAX_JSON_DEPTH)` };
    }
    if (Array.isArray(value)) {
      for (let index = 0; index < value.length; index += 1) {
        const child: unknown = value[index];
        if (typeof child === 'string' || (typeof child === 'object' && child !== null)) {
          stack.push({ value: child, depth: depth + 1, parent: entry, key: String(index) });
        }
      }
      continue;
    }
    for (const [key, child] of Object.entries(value)) {
      const problem = stringProblem(key);
      if (problem)
        return { path: pathOf({ value: child, depth, parent: entry, key }), message: `property name ${problem}` };
      if (typeof child === 'string' || (typeof child === 'object' && child !== null)) {
        stack.push({ value: child, depth: depth + 1, parent: entry, key });
      }
    }
  }
  return undefined;
}

/** `rootPath.a.0.b`, as the request's fields are named in errors (no leading dot for an empty root). */
function pathOf(entry: Entry): string {
  const keys: string[] = [];
  for (let at: Entry | undefined = entry; at !== undefined; at = at.parent) keys.push(at.key);
  return keys
    .reverse()
    .filter((key, index) => index > 0 || key !== '')
    .join('.');
}

function stringProblem(value: string): string | undefined {
  const kind = classifyUnstorableText(value);
  return kind && REQUEST_TEXT_REASONS[kind];
}
