import type { z } from 'zod';
import { WorkflowDefinitionSchema } from './definition.schema';
import { type DefinitionIssue, formatPath } from './definition-error';
import { MAX_JSON_DEPTH } from './limits';
import type { WorkflowDefinition } from './workflow-definition';

type ShapeResult =
  { definition: WorkflowDefinition; issues?: undefined } | { definition?: undefined; issues: DefinitionIssue[] };

/** Checks the definition's shape and turns schema issues into ones that name the field. */
export function parseDefinitionShape(raw: unknown): ShapeResult {
  const tooDeep = findTooDeep(raw);
  if (tooDeep) return { issues: [{ path: tooDeep, message: `nested deeper than ${MAX_JSON_DEPTH} levels` }] };
  const result = WorkflowDefinitionSchema.safeParse(raw);
  if (result.success) return { definition: result.data };
  return { issues: result.error.issues.flatMap((issue) => describe(issue, [])) };
}

/** Schema parsing recurses, so refuse absurd nesting first, without recursion. */
function findTooDeep(raw: unknown): string | undefined {
  const stack: { value: unknown; path: PropertyKey[] }[] = [{ value: raw, path: [] }];
  while (stack.length > 0) {
    const { value, path } = stack.pop()!;
    if (typeof value !== 'object' || value === null) continue;
    if (path.length > MAX_JSON_DEPTH) return formatPath(path);
    for (const [key, child] of Object.entries(value)) {
      stack.push({ value: child, path: [...path, Array.isArray(value) ? Number(key) : key] });
    }
  }
  return undefined;
}

function describe(issue: z.core.$ZodIssue, prefix: PropertyKey[]): DefinitionIssue[] {
  const path = [...prefix, ...issue.path];
  if (issue.code === 'unrecognized_keys') {
    return issue.keys.map((key) => ({ path: formatPath([...path, key]), message: `unknown property '${key}'` }));
  }
  if (issue.code === 'invalid_union') return describeUnion(issue.errors, path);
  return [{ path: formatPath(path), message: issue.message }];
}

/**
 * A union failure is only useful when it points into the branch whose type
 * matched (e.g. the bad member inside a JSON object); when no branch matched,
 * say which types were expected.
 */
function describeUnion(branches: z.core.$ZodIssue[][], path: PropertyKey[]): DefinitionIssue[] {
  const rejectsType = (issue: z.core.$ZodIssue) => issue.code === 'invalid_type' && issue.path.length === 0;
  const matched = branches.find((issues) => !issues.some(rejectsType));
  if (matched) return matched.flatMap((issue) => describe(issue, path));
  const expected = new Set<string>();
  let received: string | undefined;
  for (const issue of branches.flat().filter(rejectsType)) {
    if (issue.code === 'invalid_type') expected.add(issue.expected);
    received ??= /received (\w+)/.exec(issue.message)?.[1];
  }
  const got = received ? `, received ${received}` : '';
  return [{ path: formatPath(path), message: `Invalid input: expected ${[...expected].join(' or ')}${got}` }];
}
