import type { DependencyGraph } from './dependency-graph';

/**
 * One cycle per independent knot among the blocked tasks, each listed in
 * dependency direction and closed: [a, b, c, a] means a depends on b, b on c
 * and c on a. Every blocked task has a blocked parent, so walking up blocked
 * parents from any of them must come back to a task already on the walk.
 */
export function findCycles(graph: DependencyGraph, blocked: readonly number[]): number[][] {
  const isBlocked = new Set(blocked);
  const explained = new Set<number>();
  const cycles: number[][] = [];
  for (const start of blocked) {
    if (explained.has(start)) continue;
    const walk: number[] = [];
    const positionOnWalk = new Map<number, number>();
    let task: number | undefined = start;
    while (task !== undefined && !explained.has(task) && !positionOnWalk.has(task)) {
      positionOnWalk.set(task, walk.length);
      walk.push(task);
      task = graph.parents[task].find((parent) => isBlocked.has(parent));
    }
    if (task !== undefined && positionOnWalk.has(task)) {
      cycles.push(closeLoop(walk.slice(positionOnWalk.get(task))));
    }
    for (const visited of walk) explained.add(visited);
  }
  return cycles;
}

/** Starts the loop at its earliest-defined task, so the same cycle is always reported the same way. */
function closeLoop(loop: number[]): number[] {
  const first = loop.indexOf(Math.min(...loop));
  const rotated = [...loop.slice(first), ...loop.slice(0, first)];
  return [...rotated, rotated[0]];
}
