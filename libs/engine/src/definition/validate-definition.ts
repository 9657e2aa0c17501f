import { Ancestry } from '../graph/ancestry';
import { buildGraph, topologicalOrder } from '../graph/dependency-graph';
import { compilePlan } from '../plan/compile-plan';
import { cycleIssues } from './cycle-issues';
import type { WorkflowPlan } from '../plan/workflow-plan';
import type { DefinitionContext } from './definition-context';
import { DefinitionError, type DefinitionIssue } from './definition-error';
import { checkExpressions } from './expression-checks';
import { checkInputs } from './input-checks';
import { parseDefinitionShape } from './parse-definition-shape';
import { checkStructure } from './structure-checks';

/**
 * Checks an untrusted definition and compiles it. Throws one DefinitionError
 * listing every issue found; graph and template rules are only checked once
 * the shape is valid, since they need it.
 */
export function validateDefinition(raw: unknown, ctx: DefinitionContext): WorkflowPlan {
  const shape = parseDefinitionShape(raw);
  if (shape.issues) throw new DefinitionError(shape.issues);
  const def = shape.definition;

  const issues: DefinitionIssue[] = [];
  const structure = checkStructure(def, ctx, issues);
  const graph = buildGraph(structure.parents);
  const { order, blocked } = topologicalOrder(graph);
  const keys = def.tasks.map((task) => task.key);
  issues.push(...cycleIssues(graph, blocked, keys));
  const ancestry = blocked.length === 0 ? new Ancestry(graph, order) : undefined;
  checkExpressions(def, structure, ancestry, issues);
  checkInputs(def, ctx, issues);

  if (issues.length > 0) throw new DefinitionError(issues);
  return compilePlan(def);
}
