/**
 * The parts of JSONata's AST this library reads. JSONata's own typings omit
 * several node kinds (`path`, `bind`, `sort`...), so nodes are typed loosely
 * and walked by shape.
 */
export interface AstNode {
  type: string;
  value?: unknown;
  steps?: AstNode[];
  stages?: { expr: AstNode }[];
  predicate?: { expr: AstNode }[];
  group?: unknown;
  [slot: string]: unknown;
}

// Slots that hold a literal or metadata, never a sub-expression to walk.
const LEAF_SLOTS = new Set(['type', 'value', 'position', 'signature', 'token', 'keepArray', 'keepSingletonArray']);

export function isAstNode(value: unknown): value is AstNode {
  return (
    typeof value === 'object' && value !== null && !Array.isArray(value) && typeof (value as AstNode).type === 'string'
  );
}

/** Every node found in `value`, which may be a node, an array of nodes, or nested pairs of them. */
export function collectNodes(value: unknown, into: AstNode[] = []): AstNode[] {
  if (Array.isArray(value)) {
    for (const item of value) collectNodes(item, into);
  } else if (isAstNode(value)) {
    into.push(value);
  } else if (typeof value === 'object' && value !== null) {
    // Wrappers such as predicate stages ({ type: 'filter', expr }) and sort terms ({ expression }).
    for (const inner of Object.values(value)) collectNodes(inner, into);
  }
  return into;
}

/** Direct sub-expressions of a node, slot by slot. */
export function childSlots(node: AstNode): [slot: string, children: AstNode[]][] {
  const slots: [string, AstNode[]][] = [];
  for (const [slot, content] of Object.entries(node)) {
    if (LEAF_SLOTS.has(slot) || typeof content !== 'object' || content === null) continue;
    slots.push([slot, collectNodes(content)]);
  }
  return slots;
}
