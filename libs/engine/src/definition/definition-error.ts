export interface DefinitionIssue {
  /** Where the problem is, e.g. `tasks[3].dependsOn[0]` or `tasks.price.input.sku`. */
  path: string;
  message: string;
}

const ISSUES_IN_MESSAGE = 3;

/** A workflow definition was refused; `issues` lists every problem found, not just the first. */
export class DefinitionError extends Error {
  override readonly name = 'DefinitionError';

  constructor(readonly issues: DefinitionIssue[]) {
    super(summarise(issues));
  }
}

function summarise(issues: DefinitionIssue[]): string {
  const shown = issues.slice(0, ISSUES_IN_MESSAGE).map(formatIssue);
  const more = issues.length - shown.length;
  const suffix = more > 0 ? `; and ${more} more issue${more === 1 ? '' : 's'}` : '';
  return `Invalid workflow definition: ${shown.join('; ')}${suffix}`;
}

function formatIssue(issue: DefinitionIssue): string {
  return issue.path ? `${issue.path}: ${issue.message}` : issue.message;
}

/** `['tasks', 3, 'dependsOn', 0]` -> `tasks[3].dependsOn[0]`. */
export function formatPath(segments: readonly PropertyKey[]): string {
  let path = '';
  for (const segment of segments) {
    if (typeof segment === 'number') path += `[${segment}]`;
    else if (typeof segment === 'string' && /^[A-Za-z_$][\w$-]*$/.test(segment)) path += path ? `.${segment}` : segment;
    else path += `[${JSON.stringify(String(segment))}]`;
  }
  return path;
}

export function joinPath(base: string, relative: string): string {
  if (!relative) return base;
  return relative.startsWith('[') ? `${base}${relative}` : `${base}.${relative}`;
}
