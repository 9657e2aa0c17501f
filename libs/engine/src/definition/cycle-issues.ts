import type { DefinitionIssue } from './definition-error';
import type { DependencyGraph } from '../graph/dependency-graph';
import { findCycles } from '../graph/find-cycles';

/** One issue per cycle, naming its path: "cycle: a -> b -> c -> a" where a depends on b. */
export function cycleIssues(
  graph: DependencyGraph,
  blocked: readonly number[],
  keys: readonly string[],
): DefinitionIssue[] {
  return findCycles(graph, blocked).map((cycle) => ({
    path: `tasks[${cycle[0]}].dependsOn`,
    message:
      `dependency cycle: ${cycle.map((task) => keys[task]).join(' -> ')} ` +
      '(each task depends on the next; a workflow must be a DAG)',
  }));
}
