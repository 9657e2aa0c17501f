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

/**
 * The first value in a parsed JSON body, query or parameter set that no
 * handler should see: a string (or property name) holding a NUL character,
 * which PostgreSQL cannot store in text or jsonb, or a lone UTF-16
 * surrogate, which it cannot store either; or nesting deeper than
 * `maxDepth`, which recursive schema parsing would overflow on. Iterative,
 * so any depth is safe to scan.
 */
export function findUnstorableValue(root: unknown, maxDepth: number, rootPath: string): UnstorableValue | undefined {
  const stack: { value: unknown; path: string; depth: number }[] = [{ value: root, path: rootPath, depth: 0 }];
  for (let item = stack.pop(); item !== undefined; item = stack.pop()) {
    const { value, path, depth } = item;
    if (typeof value === 'string') {
      const problem = stringProblem(value);
      if (problem) return { path, message: problem };
      continue;
    }
    if (typeof value !== 'object' || value === null) continue;
    if (depth >= maxDepth) return { path, message: `nested deeper than ${maxDepth} levels (API_MAX_JSON_DEPTH)` };
    for (const [key, child] of Object.entries(value)) {
      const childPath = path === '' ? key : `${path}.${key}`;
      const problem = Array.isArray(value) ? undefined : stringProblem(key);
      if (problem) return { path: childPath, message: `property name ${problem}` };
      stack.push({ value: child, path: childPath, depth: depth + 1 });
    }
  }
  return undefined;
}

function stringProblem(value: string): string | undefined {
  const kind = classifyUnstorableText(value);
  return kind && REQUEST_TEXT_REASONS[kind];
}
