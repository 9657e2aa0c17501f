import { Graph, layout } from '@dagrejs/dagre';

export interface Point {
  x: number;
  y: number;
}

export interface GraphShape {
  ids: string[];
  edges: { source: string; target: string }[];
}

export const NODE_WIDTH = 190;
export const NODE_HEIGHT = 58;
const RANK_GAP = 80;
const NODE_GAP = 24;

/**
 * Past this many tasks the layered layout below is used instead of dagre:
 * dagre's crossing minimisation grows much faster than the graph, and a
 * wide DAG of hundreds of tasks would freeze the page while it runs.
 */
export const DAGRE_MAX_NODES = 60;

/** Top-left positions of every node, left to right: a task sits right of everything it depends on. */
export function layoutGraph(shape: GraphShape): Map<string, Point> {
  return shape.ids.length <= DAGRE_MAX_NODES ? dagreLayout(shape) : layeredLayout(shape);
}

function dagreLayout({ ids, edges }: GraphShape): Map<string, Point> {
  const graph = new Graph();
  graph.setGraph({ rankdir: 'LR', nodesep: NODE_GAP, ranksep: RANK_GAP, marginx: 10, marginy: 10 });
  graph.setDefaultEdgeLabel(() => ({}));
  for (const id of ids) graph.setNode(id, { width: NODE_WIDTH, height: NODE_HEIGHT });
  for (const edge of edges) graph.setEdge(edge.source, edge.target);
  layout(graph);
  const positions = new Map<string, Point>();
  for (const id of ids) {
    const node = graph.node(id);
    positions.set(id, { x: node.x - NODE_WIDTH / 2, y: node.y - NODE_HEIGHT / 2 });
  }
  return positions;
}

/**
 * Columns by longest path from a root, each column in definition order and
 * centred: linear in the graph's size, and readable for the wide, regular
 * DAGs (fan-outs, stages) that grow that large.
 */
export function layeredLayout({ ids, edges }: GraphShape): Map<string, Point> {
  const parents = new Map<string, string[]>(ids.map((id) => [id, []]));
  for (const edge of edges) parents.get(edge.target)?.push(edge.source);
  const rank = new Map<string, number>();
  const rankOf = (id: string, visiting: Set<string>): number => {
    const known = rank.get(id);
    if (known !== undefined) return known;
    // A cycle cannot be registered; the guard only keeps a bad answer from hanging the page.
    if (visiting.has(id)) return 0;
    visiting.add(id);
    const value =
      Math.max(-1, ...(parents.get(id) ?? []).filter((p) => parents.has(p)).map((p) => rankOf(p, visiting))) + 1;
    visiting.delete(id);
    rank.set(id, value);
    return value;
  };
  const columns: string[][] = [];
  for (const id of ids) (columns[rankOf(id, new Set())] ??= []).push(id);
  const tallest = Math.max(...columns.map((column) => column.length));
  const positions = new Map<string, Point>();
  columns.forEach((column, x) => {
    const offset = ((tallest - column.length) * (NODE_HEIGHT + NODE_GAP)) / 2;
    column.forEach((id, y) =>
      positions.set(id, { x: x * (NODE_WIDTH + RANK_GAP), y: offset + y * (NODE_HEIGHT + NODE_GAP) }),
    );
  });
  return positions;
}
