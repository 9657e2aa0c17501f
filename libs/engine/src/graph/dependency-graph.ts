import { MinHeap } from './min-heap';

/** Tasks as indices in definition order; an edge runs from a parent to the task that depends on it. */
export interface DependencyGraph {
  readonly parents: readonly (readonly number[])[];
  readonly children: readonly (readonly number[])[];
}

export function buildGraph(parents: readonly (readonly number[])[]): DependencyGraph {
  const children: number[][] = parents.map(() => []);
  parents.forEach((ofTask, task) => {
    for (const parent of ofTask) children[parent].push(task);
  });
  return { parents, children };
}

export interface TopologicalOrder {
  /** Tasks whose dependencies can all be met: parents first, ties broken by definition order. */
  order: number[];
  /** Tasks on a cycle or downstream of one, in definition order. */
  blocked: number[];
}

/**
 * Kahn's algorithm with a min-heap as the ready set: iterative, O((V + E) log V),
 * and an already-ordered definition keeps its order exactly.
 */
export function topologicalOrder(graph: DependencyGraph): TopologicalOrder {
  const waitingOn = graph.parents.map((ofTask) => ofTask.length);
  const ready = new MinHeap();
  waitingOn.forEach((count, task) => count === 0 && ready.push(task));
  const order: number[] = [];
  for (let task = ready.pop(); task !== undefined; task = ready.pop()) {
    order.push(task);
    for (const child of graph.children[task]) if (--waitingOn[child] === 0) ready.push(child);
  }
  const blocked = waitingOn.flatMap((count, task) => (count > 0 ? [task] : []));
  return { order, blocked };
}
