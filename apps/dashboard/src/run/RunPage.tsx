import { useMemo, useState } from 'react';
import { showJson, formatDuration, durationBetween, formatTime } from '../app/format';
import { Link, navigate, useLocation } from '../app/router';
import { StatusBadge, STATUS_COLOURS } from '../app/StatusBadge';
import { DagView } from '../graph/DagView';
import { nodeData } from '../graph/graph-model';
import { RunActions } from './RunActions';
import { useAttempts, useChildren, useDefinition, useRun } from './run-queries';
import { TaskPanel } from './TaskPanel';
import { Timeline } from './Timeline';

/** One run: its DAG updated live, the selected task's panel, actions, and the timeline of its attempts. */
export function RunPage({ runId }: { runId: string }) {
  const { search } = useLocation();
  const selectedKey = search.get('task') ?? undefined;
  const [tab, setTab] = useState<'graph' | 'timeline'>('graph');
  const run = useRun(runId);
  const definition = useDefinition(run.data?.workflow, run.data?.version);
  const tasks = run.data?.tasks;
  // Changes whenever any task changes status: the trigger for the reads that are not polled.
  const revision = useMemo(
    () =>
      (tasks ?? [])
        .map((task) => `${task.status}${task.attempts}${task.items ? `:${task.items.length}` : ''}`)
        .join(''),
    [tasks],
  );
  const hasChildren = (tasks ?? []).some(
    (task) => task.kind === 'workflow' || task.items?.some((item) => item.kind === 'workflow'),
  );
  const children = useChildren(runId, revision, hasChildren);
  const attempts = useAttempts(runId, revision, tab === 'timeline');
  const nodes = useMemo(
    () => nodeData(definition.data?.definition, tasks, children.data?.items, selectedKey),
    [definition.data, tasks, children.data, selectedKey],
  );

  if (run.isPending) return <p>Loading run…</p>;
  if (run.error) return <p className="error">{run.error.message}</p>;
  const current = run.data;
  const selected = current.tasks.find((task) => task.key === selectedKey);
  const select = (key: string | undefined) =>
    navigate(`/runs/${runId}${key ? `?task=${encodeURIComponent(key)}` : ''}`, { replace: true });

  return (
    <section className="run-page" aria-labelledby="run-title">
      <header className="run-head">
        <div>
          <h1 id="run-title">
            <Link to={`/workflows/${encodeURIComponent(current.workflow)}`}>{current.workflow}</Link>{' '}
            <span className="muted">v{current.version}</span> <StatusBadge status={current.status} />
          </h1>
          <p className="muted mono" data-testid="run-id">
            {current.id} · created {formatTime(current.createdAt)} ·{' '}
            {formatDuration(durationBetween(current.startedAt, current.finishedAt))}
            {current.tags.length > 0 && ` · tags ${current.tags.join(', ')}`}
          </p>
        </div>
        <RunActions run={current} />
      </header>
      {current.error !== null && current.error !== undefined && (
        <pre className="json error-box">{showJson(current.error)}</pre>
      )}
      <div className="tabs" role="tablist" aria-label="Run views">
        <button type="button" role="tab" aria-selected={tab === 'graph'} onClick={() => setTab('graph')}>
          Graph
        </button>
        <button type="button" role="tab" aria-selected={tab === 'timeline'} onClick={() => setTab('timeline')}>
          Timeline
        </button>
      </div>
      <div className={`run-body${selected ? ' with-panel' : ''}`}>
        <div className="run-main">
          {tab === 'graph' ? (
            <>
              {definition.isPending ? (
                <p className="dag">Loading the graph…</p>
              ) : (
                <DagView
                  definition={definition.data?.definition}
                  nodes={nodes}
                  onSelect={select}
                  frame={selected ? 'with-panel' : 'full'}
                />
              )}
              <ul className="legend" aria-label="Status colours">
                {[
                  'blocked',
                  'ready',
                  'queued',
                  'running',
                  'waiting',
                  'succeeded',
                  'failed',
                  'skipped',
                  'cancelled',
                ].map((status) => (
                  <li key={status}>
                    <span className="dot" style={{ background: STATUS_COLOURS[status] }} /> {status}
                  </li>
                ))}
              </ul>
              <nav aria-label="Tasks" className="task-list">
                {nodes.map((task) => (
                  <button
                    type="button"
                    key={task.key}
                    className="chip"
                    aria-pressed={task.key === selectedKey}
                    onClick={() => select(task.key)}
                  >
                    {task.key} <StatusBadge status={task.status} />
                  </button>
                ))}
              </nav>
            </>
          ) : (
            <Timeline
              run={current}
              attempts={attempts.data?.items ?? []}
              truncated={attempts.data?.truncated ?? false}
              now={run.dataUpdatedAt}
            />
          )}
          <details>
            <summary>Run input and output</summary>
            <h3>Input</h3>
            <pre className="json">{showJson(current.input)}</pre>
            <h3>Output</h3>
            <pre className="json" data-testid="run-output">
              {showJson(current.output)}
            </pre>
          </details>
        </div>
        {selected && (
          <TaskPanel
            key={selected.key}
            run={current}
            task={selected}
            definition={definition.data?.definition}
            children={children.data?.items ?? []}
            onClose={() => select(undefined)}
          />
        )}
      </div>
    </section>
  );
}
