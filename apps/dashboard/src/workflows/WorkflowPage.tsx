import { useQuery } from '@tanstack/react-query';
import { lazy, Suspense, useState } from 'react';
import { api, query } from '../api/client';
import type { WorkflowDetail, WorkflowVersion } from '../api/types';
import { formatTime, showJson } from '../app/format';
import { Link, useLocation } from '../app/router';
import { useCan } from '../app/session';
import { DagView } from '../graph/DagView';
import { nodeData } from '../graph/graph-model';

/** The form brings Ajv and react-jsonschema-form: loaded only when a workflow page asks for it. */
const StartRunForm = lazy(() => import('./StartRunForm').then((module) => ({ default: module.StartRunForm })));

function useVersion(name: string, version: number | undefined, owner: string | undefined) {
  return useQuery({
    queryKey: ['workflow', name, version, owner],
    queryFn: () =>
      api.get<WorkflowVersion>(`/workflows/${encodeURIComponent(name)}/versions/${version}${query({ owner })}`),
    enabled: version !== undefined,
    staleTime: Infinity,
  });
}

/** One workflow: its versions (two side by side), the chosen version's graph, and a form to start a run. */
export function WorkflowPage({ name }: { name: string }) {
  const owner = useLocation().search.get('owner') ?? undefined;
  const canSubmit = useCan('submit');
  const latest = useQuery({
    queryKey: ['workflow', name, 'latest', owner],
    queryFn: () => api.get<WorkflowDetail>(`/workflows/${encodeURIComponent(name)}${query({ owner })}`),
  });
  const [chosen, setChosen] = useState<number>();
  const [compared, setCompared] = useState<number>();
  const versionNumber = chosen ?? latest.data?.version;
  const version = useVersion(name, versionNumber, owner);
  const other = useVersion(name, compared, owner);
  if (latest.isPending) return <p>Loading…</p>;
  if (latest.error) return <p className="error">{latest.error.message}</p>;
  const definition = version.data?.definition;
  const versions = [...latest.data.versions].sort((a, b) => b.version - a.version);
  return (
    <section aria-labelledby="workflow-title" className="workflow-page">
      <h1 id="workflow-title">
        {name} <span className="muted">owner {latest.data.owner}</span>
      </h1>
      {definition?.description && <p>{definition.description}</p>}
      <p>
        <Link to={`/runs?workflow=${encodeURIComponent(name)}`}>Runs of this workflow →</Link>
      </p>
      <div className="filters">
        <label>
          Version
          <select value={versionNumber} onChange={(event) => setChosen(Number(event.target.value))}>
            {versions.map((entry) => (
              <option key={entry.version} value={entry.version}>
                v{entry.version} · {formatTime(entry.createdAt)}
              </option>
            ))}
          </select>
        </label>
        <label>
          Compare with
          <select
            value={compared ?? ''}
            onChange={(event) => setCompared(event.target.value ? Number(event.target.value) : undefined)}
          >
            <option value="">—</option>
            {versions.map((entry) => (
              <option key={entry.version} value={entry.version}>
                v{entry.version}
              </option>
            ))}
          </select>
        </label>
      </div>
      <h2>Graph</h2>
      {definition && <DagView definition={definition} nodes={nodeData(definition, undefined, undefined, undefined)} />}
      {canSubmit && versionNumber !== undefined && version.data && (
        <>
          <h2>Start a run of v{versionNumber}</h2>
          <Suspense fallback={<p>Loading the form…</p>}>
            <StartRunForm
              key={versionNumber}
              name={name}
              version={versionNumber}
              owner={owner}
              inputSchema={definition?.inputSchema}
            />
          </Suspense>
        </>
      )}
      <h2>Definition</h2>
      <div className={compared === undefined ? '' : 'side-by-side'}>
        <div>
          <h3>v{versionNumber}</h3>
          <pre className="json">{showJson(definition)}</pre>
        </div>
        {compared !== undefined && (
          <div>
            <h3>v{compared}</h3>
            <pre className="json">{showJson(other.data?.definition)}</pre>
          </div>
        )}
      </div>
    </section>
  );
}
