import { useState } from 'react';
import type { ChildRun, RunView, TaskView, WorkflowDefinition } from '../api/types';
import { formatDuration, durationBetween, showJson } from '../app/format';
import { Link } from '../app/router';
import { StatusBadge } from '../app/StatusBadge';
import { itemProgress } from '../graph/graph-model';
import { AttemptList } from './AttemptList';
import { SignalForm } from './SignalForm';
import { useTaskLogs } from './run-queries';
import { whyWaiting } from './why-waiting';

/** How many items of a forEach are listed by status at once; the index picker reaches the rest. */
const ITEMS_LISTED = 60;

/** The selected task: its state, why it waits, input, output, error, every attempt with its logs; a forEach's items. */
export function TaskPanel({
  run,
  task,
  definition,
  children,
  onClose,
}: {
  run: RunView;
  task: TaskView;
  definition: WorkflowDefinition | undefined;
  children: ChildRun[];
  onClose: () => void;
}) {
  const [itemIndex, setItemIndex] = useState<number>();
  const item = itemIndex === undefined ? undefined : task.items?.find((candidate) => candidate.index === itemIndex);
  const shown = item ?? task;
  const logs = useTaskLogs(run.id, task.key, item ? itemIndex : undefined, `${shown.status}:${shown.attempts}`);
  const why = whyWaiting(shown, run, definition);
  const child = children.find(
    (candidate) => candidate.taskKey === task.key && candidate.index === (item ? itemIndex : undefined),
  );
  return (
    <aside className="panel" aria-labelledby="panel-title" data-testid="task-panel">
      <div className="panel-head">
        <h2 id="panel-title">
          {task.key}
          {item && <span className="muted"> [{itemIndex}]</span>}
        </h2>
        <button type="button" className="link" onClick={onClose} aria-label="Close task panel">
          ✕
        </button>
      </div>
      <dl className="facts">
        <dt>Status</dt>
        <dd>
          <StatusBadge status={shown.status} />
        </dd>
        <dt>Kind</dt>
        <dd>
          {shown.kind}
          {shown.type ? ` · ${shown.type}` : ''}
        </dd>
        <dt>Attempts</dt>
        <dd>
          {shown.attempts}
          {shown.interruptions > 0 ? ` (${shown.interruptions} interrupted)` : ''}
        </dd>
        <dt>Duration</dt>
        <dd>{formatDuration(durationBetween(shown.startedAt, shown.finishedAt))}</dd>
        {child && (
          <>
            <dt>Child run</dt>
            <dd>
              <Link to={`/runs/${child.id}`}>
                {child.workflow} · {child.status}
              </Link>
            </dd>
          </>
        )}
      </dl>
      {why && (
        <p className="why" data-testid="why-waiting">
          {why}
        </p>
      )}
      {shown.status === 'waiting' && shown.wait?.signal && <SignalForm runId={run.id} signal={shown.wait.signal} />}
      {task.kind === 'foreach' && <ItemPicker task={task} selected={itemIndex} onPick={setItemIndex} />}
      {shown.error !== null && shown.error !== undefined && (
        <section>
          <h3>Error</h3>
          <pre className="json error-box" data-testid="task-error">
            {showJson(shown.error)}
          </pre>
        </section>
      )}
      <details open={shown.output === null}>
        <summary>Input</summary>
        <pre className="json">{showJson(shown.input)}</pre>
      </details>
      <details open>
        <summary>Output</summary>
        <pre className="json" data-testid="task-output">
          {showJson(shown.output)}
        </pre>
      </details>
      {(task.kind !== 'foreach' || item) && (
        <section>
          <h3>Attempts and logs</h3>
          <AttemptList logs={logs.data} />
        </section>
      )}
    </aside>
  );
}

function ItemPicker({
  task,
  selected,
  onPick,
}: {
  task: TaskView;
  selected: number | undefined;
  onPick: (index: number | undefined) => void;
}) {
  const progress = itemProgress(task);
  const notable = (task.items ?? []).filter((item) => item.status !== 'succeeded').slice(0, ITEMS_LISTED);
  return (
    <section>
      <h3>
        Items {progress.done}/{progress.total}
      </h3>
      <p>
        {Object.entries(progress.byStatus).map(([status, count]) => (
          <span key={status} className="count">
            <StatusBadge status={status} /> {count}
          </span>
        ))}
      </p>
      <label>
        Item index{' '}
        <input
          type="number"
          min={0}
          max={Math.max(0, progress.total - 1)}
          value={selected ?? ''}
          onChange={(event) => onPick(event.target.value === '' ? undefined : Number(event.target.value))}
        />
      </label>
      {notable.length > 0 && (
        <ul className="chips" aria-label="Items not succeeded">
          {notable.map((item) => (
            <li key={item.index}>
              <button type="button" className="chip" onClick={() => onPick(item.index)}>
                [{item.index}] {item.status}
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
