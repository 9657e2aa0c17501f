import { Background, Controls, MiniMap, ReactFlow, type Edge } from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import { useMemo } from 'react';
import { statusColour } from '../app/StatusBadge';
import { edgesOf, type TaskNodeData } from './graph-model';
import { layoutGraph } from './layout';
import { TaskNode, type TaskFlowNode } from './TaskNode';
import type { WorkflowDefinition } from '../api/types';

const NODE_TYPES = { task: TaskNode };

/**
 * The DAG left to right. The layout depends only on the definition, so it is
 * computed once; each poll changes node data (status, progress) alone.
 */
export function DagView({
  definition,
  nodes,
  onSelect,
  frame = '',
}: {
  definition: WorkflowDefinition | undefined;
  nodes: TaskNodeData[];
  onSelect?: (key: string) => void;
  /** Changes when the graph's box changes size (a panel opened beside it), so it is framed again. */
  frame?: string;
}) {
  const keys = nodes.map((node) => node.key).join('\n');
  const edges = useMemo(() => edgesOf(definition), [definition]);
  // Keyed by the joined ids, so a poll that changes only statuses does not lay the graph out again.
  const positions = useMemo(() => layoutGraph({ ids: keys.split('\n'), edges }), [keys, edges]);
  const flowNodes: TaskFlowNode[] = nodes.map((data) => ({
    id: data.key,
    type: 'task',
    position: positions.get(data.key) ?? { x: 0, y: 0 },
    data,
    draggable: false,
    connectable: false,
    ariaLabel: `${data.key}, ${data.status}`,
  }));
  const statusOf = new Map(nodes.map((node) => [node.key, node.status]));
  const flowEdges: Edge[] = edges.map((edge) => ({
    id: `${edge.source}->${edge.target}`,
    source: edge.source,
    target: edge.target,
    animated: statusOf.get(edge.target) === 'running',
    style: { stroke: statusOf.get(edge.source) === 'succeeded' ? statusColour('succeeded') : '#94a3b8' },
  }));
  return (
    <div className="dag" data-testid="dag">
      <ReactFlow
        // A new layout (the definition arrived, tasks appeared) mounts afresh, so fitView frames it.
        key={`${keys}|${edges.length}|${frame}`}
        nodes={flowNodes}
        edges={flowEdges}
        nodeTypes={NODE_TYPES}
        fitView
        fitViewOptions={{ maxZoom: 1.2, minZoom: 0.05 }}
        minZoom={0.05}
        nodesDraggable={false}
        nodesConnectable={false}
        onlyRenderVisibleElements={nodes.length > 100}
        onNodeClick={(_, node) => onSelect?.(node.id)}
      >
        <Background />
        <Controls showInteractive={false} />
        {nodes.length > 30 && (
          <MiniMap pannable zoomable nodeColor={(node) => statusColour(String(node.data.status))} />
        )}
      </ReactFlow>
    </div>
  );
}
