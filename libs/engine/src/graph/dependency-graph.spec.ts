import { Ancestry } from './ancestry';
import { buildGraph, topologicalOrder } from './dependency-graph';
import { findCycles } from './find-cycles';
import { MinHeap } from './min-heap';

describe('MinHeap', () => {
  it('pops numbers in ascending order', () => {
    const heap = new MinHeap();
    const values = [5, 3, 9, 1, 1, 8, 0, 7, 2];
    for (const value of values) heap.push(value);
    const popped: number[] = [];
    for (let value = heap.pop(); value !== undefined; value = heap.pop()) popped.push(value);
    expect(popped).toEqual([...values].sort((a, b) => a - b));
    expect(heap.size).toBe(0);
  });
});

describe('topologicalOrder', () => {
  it('puts parents first and otherwise keeps definition order', () => {
    // 0 <- 2, 1 <- 2, 3 has no parents, 4 depends on 3 and 0
    const graph = buildGraph([[], [], [0, 1], [], [3, 0]]);
    expect(topologicalOrder(graph)).toEqual({ order: [0, 1, 2, 3, 4], blocked: [] });
  });

  it('moves a task after its parent when it is defined before it', () => {
    const graph = buildGraph([[2], [], []]);
    expect(topologicalOrder(graph).order).toEqual([1, 2, 0]);
  });

  it('reports tasks on or behind a cycle as blocked', () => {
    // 0 -> 1 -> 2 -> 0 is a cycle; 3 depends on 2; 4 is free
    const graph = buildGraph([[2], [0], [1], [2], []]);
    expect(topologicalOrder(graph)).toEqual({ order: [4], blocked: [0, 1, 2, 3] });
  });
});

describe('findCycles', () => {
  it('lists each cycle once in dependency direction, from its earliest task, closed', () => {
    // 0 depends on 1, 1 on 2, 2 on 0; 3 depends on 0 (blocked, not on a cycle); 4 and 5 depend on each other
    const graph = buildGraph([[1], [2], [0], [0], [5], [4]]);
    const { blocked } = topologicalOrder(graph);
    expect(findCycles(graph, blocked)).toEqual([
      [0, 1, 2, 0],
      [4, 5, 4],
    ]);
  });

  it('walks a 10,000-task cycle without recursion', () => {
    const size = 10_000;
    const parents = Array.from({ length: size }, (_, task) => [(task + 1) % size]);
    const graph = buildGraph(parents);
    const [cycle] = findCycles(graph, topologicalOrder(graph).blocked);
    expect(cycle).toHaveLength(size + 1);
    expect(cycle.slice(0, 3)).toEqual([0, 1, 2]);
  });
});

describe('Ancestry', () => {
  // 0 -> 1 -> 3, 2 -> 3, 4 stands alone
  const graph = buildGraph([[], [0], [], [1, 2], []]);
  const ancestry = new Ancestry(graph, topologicalOrder(graph).order);

  it('answers transitive upstream questions', () => {
    expect(ancestry.isAncestor(0, 3)).toBe(true);
    expect(ancestry.isAncestor(2, 3)).toBe(true);
    expect(ancestry.isAncestor(1, 3)).toBe(true);
    expect(ancestry.isAncestor(3, 0)).toBe(false);
    expect(ancestry.isAncestor(4, 3)).toBe(false);
    expect(ancestry.isAncestor(3, 3)).toBe(false);
  });

  it('lists ancestors in topological order', () => {
    expect(ancestry.ancestorsOf(3)).toEqual([0, 1, 2]);
    expect(ancestry.ancestorsOf(0)).toEqual([]);
  });

  it('works across bitset word boundaries', () => {
    const size = 100;
    const chain = buildGraph(Array.from({ length: size }, (_, task) => (task === 0 ? [] : [task - 1])));
    const deep = new Ancestry(chain, topologicalOrder(chain).order);
    expect(deep.isAncestor(0, 99)).toBe(true);
    expect(deep.isAncestor(33, 64)).toBe(true);
    expect(deep.isAncestor(31, 64)).toBe(true);
    expect(deep.isAncestor(63, 64)).toBe(true);
    expect(deep.isAncestor(64, 33)).toBe(false);
  });
});
