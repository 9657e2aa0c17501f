import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { api, query } from '../api/client';
import { RUN_STATUSES, type Page, type RunSummary, type WorkflowListItem } from '../api/types';
import { formatDuration, durationBetween, formatTime } from '../app/format';
import { Link, navigate, useLocation } from '../app/router';
import { StatusBadge } from '../app/StatusBadge';

const PAGE_SIZE = 50;
/** One request a second at most for the whole page: the list of runs shown, with their statuses. */
const POLL_MS = 1000;

const WINDOWS: Record<string, number | undefined> = {
  any: undefined,
  '15m': 15 * 60_000,
  '1h': 3600_000,
  '24h': 24 * 3600_000,
  '7d': 7 * 24 * 3600_000,
};

/** Runs newest first, filtered by the URL's query (so a filtered list can be shared), paged by cursor. */
export function RunsPage() {
  const { search } = useLocation();
  const filters = {
    workflow: search.get('workflow') ?? '',
    status: search.get('status') ?? '',
    tag: search.get('tag') ?? '',
    window: search.get('window') ?? 'any',
  };
  // Cursors of the pages before this one, so "Newer" walks back without the API knowing pages.
  const [cursors, setCursors] = useState<string[]>([]);
  const cursor = cursors.at(-1);
  const windowMs = WINDOWS[filters.window];
  // A fixed "since" per filter choice: a moving one would make every poll a new query key.
  const [since] = useState(() => new Map<string, string>());
  const sinceIso =
    windowMs === undefined ? undefined : (since.get(filters.window) ?? remember(since, filters.window, windowMs));

  const runs = useQuery({
    queryKey: ['runs', filters.workflow, filters.status, filters.tag, sinceIso, cursor],
    queryFn: () =>
      api.get<Page<RunSummary>>(
        `/runs${query({ workflow: filters.workflow, status: filters.status, tag: filters.tag, since: sinceIso, limit: PAGE_SIZE, cursor })}`,
      ),
    refetchInterval: POLL_MS,
    placeholderData: keepPreviousData,
  });
  const workflows = useQuery({
    queryKey: ['workflows', 'names'],
    queryFn: () => api.get<Page<WorkflowListItem>>('/workflows?limit=500'),
    staleTime: 30_000,
  });

  const setFilter = (name: string, value: string) => {
    const next = new URLSearchParams(search);
    if (value && value !== 'any') next.set(name, value);
    else next.delete(name);
    setCursors([]);
    since.clear();
    navigate(`/runs${next.size ? `?${next.toString()}` : ''}`, { replace: true });
  };

  return (
    <section aria-labelledby="runs-title">
      <h1 id="runs-title">Runs</h1>
      <form className="filters" onSubmit={(event) => event.preventDefault()} aria-label="Filters">
        <label>
          Workflow
          <select value={filters.workflow} onChange={(event) => setFilter('workflow', event.target.value)}>
            <option value="">all</option>
            {[...new Set((workflows.data?.items ?? []).map((item) => item.name))].map((name) => (
              <option key={name}>{name}</option>
            ))}
          </select>
        </label>
        <label>
          Status
          <select value={filters.status} onChange={(event) => setFilter('status', event.target.value)}>
            <option value="">all</option>
            {RUN_STATUSES.map((status) => (
              <option key={status}>{status}</option>
            ))}
          </select>
        </label>
        <label>
          Tag
          <input
            defaultValue={filters.tag}
            placeholder="any"
            onKeyDown={(event) => event.key === 'Enter' && setFilter('tag', event.currentTarget.value.trim())}
            onBlur={(event) => event.target.value.trim() !== filters.tag && setFilter('tag', event.target.value.trim())}
          />
        </label>
        <label>
          Created
          <select value={filters.window} onChange={(event) => setFilter('window', event.target.value)}>
            <option value="any">any time</option>
            <option value="15m">last 15 minutes</option>
            <option value="1h">last hour</option>
            <option value="24h">last 24 hours</option>
            <option value="7d">last 7 days</option>
          </select>
        </label>
      </form>
      {runs.error && <p className="error">{runs.error.message}</p>}
      <div className="table-wrap">
        <table className="runs" data-testid="runs-table">
          <thead>
            <tr>
              <th scope="col">Run</th>
              <th scope="col">Workflow</th>
              <th scope="col">Status</th>
              <th scope="col">Tags</th>
              <th scope="col">Created</th>
              <th scope="col">Duration</th>
            </tr>
          </thead>
          <tbody>
            {(runs.data?.items ?? []).map((run) => (
              <tr key={run.id} data-run-id={run.id}>
                <td>
                  <Link to={`/runs/${run.id}`} className="mono">
                    {run.id.slice(0, 8)}
                  </Link>
                </td>
                <td>
                  {run.workflow} <span className="muted">v{run.version}</span>
                </td>
                <td>
                  <StatusBadge status={run.status} />
                </td>
                <td>{run.tags.join(', ')}</td>
                <td>{formatTime(run.createdAt)}</td>
                <td>{formatDuration(durationBetween(run.startedAt, run.finishedAt))}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {runs.data?.items.length === 0 && <p className="muted">No runs match.</p>}
      </div>
      <div className="pager">
        <button type="button" disabled={cursors.length === 0} onClick={() => setCursors(cursors.slice(0, -1))}>
          ← Newer
        </button>
        <button
          type="button"
          disabled={!runs.data?.nextCursor}
          onClick={() => runs.data?.nextCursor && setCursors([...cursors, runs.data.nextCursor])}
        >
          Older →
        </button>
      </div>
    </section>
  );
}

function remember(since: Map<string, string>, window: string, windowMs: number): string {
  const iso = new Date(Date.now() - windowMs).toISOString();
  since.set(window, iso);
  return iso;
}
