import { LRUCache } from 'lru-cache';
import { type AstNode, childSlots } from './expression-ast';
import { parseExpression } from './parse-expression';

/** What an expression reads from its scope, worked out from JSONata's AST. */
export interface ExpressionReferences {
  /** Task keys read as `tasks.<key>` (or `tasks.\`key-with-dash\``), in order of appearance. */
  tasks: string[];
  /** The expression reaches tasks it does not name (`tasks.*`, `$keys(tasks)`, `$$`...): it may read any task in scope. */
  readsAllTasks: boolean;
  /** Reads `item` or `index`, which exist only inside a forEach task's input. */
  usesItem: boolean;
  usesRunInput: boolean;
}

/**
 * What a path step is evaluated against: the scope root, the `tasks` map, or
 * anything else (a task's output, an array item inside a predicate...).
 * Only names read in the first two contexts are references.
 */
type Context = 'root' | 'tasks' | 'other';

// Slots evaluated against each value a path yields, not against the path's own context.
const DERIVED_SLOTS = new Set(['stages', 'predicate', 'group', 'terms', 'pattern', 'update', 'delete']);

// Validating a definition and compiling its plan both need every expression's
// references; results are small, so keep many more of them than parsed expressions.
const cache = new LRUCache<string, Readonly<ExpressionReferences>>({ max: 50_000 });

export function expressionReferences(expression: string): ExpressionReferences {
  let refs = cache.get(expression);
  if (!refs) {
    const collector = new ReferenceCollector();
    collector.visit(parseExpression(expression).ast() as AstNode, 'root');
    refs = collector.result();
    cache.set(expression, refs);
  }
  return { ...refs, tasks: [...refs.tasks] };
}

class ReferenceCollector {
  private readonly tasks = new Set<string>();
  private readsAllTasks = false;
  private usesItem = false;
  private usesRunInput = false;

  result(): ExpressionReferences {
    const { readsAllTasks, usesItem, usesRunInput } = this;
    return { tasks: [...this.tasks], readsAllTasks, usesItem, usesRunInput };
  }

  visit(node: AstNode, context: Context): void {
    if (node.type === 'path') return this.visitPath(node, context);
    if (node.type === 'name') return this.visitPath({ type: 'path', steps: [node] }, context);
    this.readWholeContext(node, context);
    this.visitSlots(node, context);
  }

  private visitPath(path: AstNode, start: Context): void {
    let context = start;
    for (const step of path.steps ?? []) context = this.visitStep(step, context);
    if (context !== 'other') this.readWhole(context);
    if (path.group) this.visitSlots({ type: 'group', group: path.group }, 'other');
  }

  /** Visits one step; returns the context of the next step. */
  private visitStep(step: AstNode, context: Context): Context {
    if (step.type === 'name' || step.type === 'variable') {
      const next = this.stepTarget(step, context);
      // A predicate on `tasks` itself filters the task map, so it can read any task.
      if (next === 'tasks' && (step.stages || step.predicate)) this.readsAllTasks = true;
      this.visitSlots(step, 'other', true);
      return next;
    }
    // A function step (`tasks.$keys()`) receives its context as an argument; a
    // step that is not a name cannot be resolved to one task.
    if (context === 'tasks' || (context === 'root' && step.type === 'function')) this.readWhole(context);
    this.visit(step, context === 'tasks' ? 'other' : context);
    return 'other';
  }

  private stepTarget(step: AstNode, context: Context): Context {
    if (step.type === 'name') return this.readName(String(step.value), context);
    if (step.value === '$') return 'root'; // `$$`: the scope root wherever it appears
    if (step.value === '') return context; // `$`: the current context
    return 'other';
  }

  private readName(name: string, context: Context): Context {
    if (context === 'tasks') {
      this.tasks.add(name);
    } else if (context === 'root') {
      if (name === 'tasks') return 'tasks';
      if (name === 'run') this.usesRunInput = true;
      if (name === 'item' || name === 'index') this.usesItem = true;
    }
    return 'other';
  }

  /** A whole context used as a value (`tasks`, `$$`) exposes every task in it. */
  private readWhole(context: Context): void {
    if (context === 'other') return;
    this.readsAllTasks = true;
    if (context === 'root') this.usesRunInput = true;
  }

  private readWholeContext(node: AstNode, context: Context): void {
    const wholeValue =
      node.type === 'wildcard' || node.type === 'descendant' || (node.type === 'variable' && node.value === '');
    if (wholeValue) this.readWhole(context);
    if (node.type === 'variable' && node.value === '$') this.readWhole('root');
  }

  private visitSlots(node: AstNode, context: Context, derivedOnly = false): void {
    for (const [slot, children] of childSlots(node)) {
      const derived = DERIVED_SLOTS.has(slot);
      if (derivedOnly && !derived) continue;
      for (const child of children) this.visit(child, derived ? 'other' : context);
    }
  }
}
