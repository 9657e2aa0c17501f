import { Handle, Position, type Node, type NodeProps } from '@xyflow/react';
import { memo } from 'react';
import { Link } from '../app/router';
import { statusColour } from '../app/StatusBadge';
import type { TaskNodeData } from './graph-model';

export type TaskFlowNode = Node<TaskNodeData, 'task'>;

/** A task of the graph, coloured by its status; a forEach shows done/total, a sub-workflow links to its run. */
export const TaskNode = memo(function TaskNode({ data }: NodeProps<TaskFlowNode>) {
  const colour = data.status === 'definition' ? '#475569' : statusColour(data.status);
  return (
    <div
      className={`task-node${data.selected ? ' selected' : ''}`}
      data-testid={`task-node-${data.key}`}
      data-status={data.status}
      style={{ borderColor: colour, background: `${colour}1f` }}
      title={`${data.key}: ${data.status}`}
    >
      <Handle type="target" position={Position.Left} isConnectable={false} />
      <div className="task-node-key">
        <span className="dot" style={{ background: colour }} />
        {data.key}
      </div>
      <div className="task-node-meta">
        {data.progress ? (
          <span data-testid={`progress-${data.key}`}>
            {data.progress.done}/{data.progress.total}
            {data.progress.failed > 0 && <span className="failed-count"> · {data.progress.failed} failed</span>}
          </span>
        ) : (
          <span className="ellipsis">{data.label}</span>
        )}
        {data.childRunId && (
          <Link
            to={`/runs/${data.childRunId}`}
            className="child-link nodrag"
            onClick={(event) => event.stopPropagation()}
          >
            child run →
          </Link>
        )}
      </div>
      <Handle type="source" position={Position.Right} isConnectable={false} />
    </div>
  );
});
