import type { AstNode } from './expression-ast';

const NOT_SIMPLE = null;
const PATH_SLOTS = ['type', 'steps'];
const STEP_SLOTS = ['type', 'value', 'position'];

/**
 * The property names of an expression that is nothing but a path of plain
 * names (`run.input.who`, `tasks.fetch.output.body`), the shape of nearly
 * every template; null for anything else. Such a path can be read without
 * running JSONata (see readSimplePath).
 */
export function simplePathOf(ast: AstNode): readonly string[] | null {
  // Any slot beyond these (predicates, stages, grouping, array constructors…) means more than a plain path.
  const onlySlots = (node: AstNode, slots: readonly string[]) =>
    Object.keys(node).every((slot) => slots.includes(slot));
  if (ast.type !== 'path' || !onlySlots(ast, PATH_SLOTS) || !Array.isArray(ast.steps) || ast.steps.length === 0)
    return NOT_SIMPLE;
  const names: string[] = [];
  for (const step of ast.steps) {
    if (!onlySlots(step, STEP_SLOTS) || step.type !== 'name' || typeof step.value !== 'string') return NOT_SIMPLE;
    names.push(step.value);
  }
  return names;
}

/** The outcome of reading a simple path: its value, or `undefined` for "let JSONata decide". */
export type PathRead = { value: unknown } | undefined;

/**
 * Reads a simple path through plain objects, as JSONata would. Only the
 * unambiguous case is answered: every step an own property of a plain
 * object, and a value at the end that is not an array. Arrays (JSONata maps
 * paths over them and flattens sequences), missing properties and values
 * that are not objects midway are left to JSONata, so the result is always
 * the one JSONata gives.
 */
export function readSimplePath(root: Record<string, unknown>, names: readonly string[]): PathRead {
  let current: unknown = root;
  for (const name of names) {
    if (typeof current !== 'object' || current === null || Array.isArray(current) || !Object.hasOwn(current, name))
      return undefined;
    current = (current as Record<string, unknown>)[name];
  }
  return Array.isArray(current) ? undefined : { value: current };
}
