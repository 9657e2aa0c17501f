import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { api, query } from '../api/client';
import type { Page, WorkflowListItem } from '../api/types';
import { formatTime } from '../app/format';
import { Link } from '../app/router';

const PAGE_SIZE = 100;

/** The catalogue: every workflow the key owns or was shared, with its latest version. */
export function WorkflowsPage() {
  const [cursors, setCursors] = useState<string[]>([]);
  const cursor = cursors.at(-1);
  const workflows = useQuery({
    queryKey: ['workflows', cursor],
    queryFn: () => api.get<Page<WorkflowListItem>>(`/workflows${query({ limit: PAGE_SIZE, cursor })}`),
  });
  return (
    <section aria-labelledby="workflows-title">
      <h1 id="workflows-title">Workflows</h1>
      {workflows.error && <p className="error">{workflows.error.message}</p>}
      <div className="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Latest</th>
              <th scope="col">Owner</th>
              <th scope="col">Description</th>
              <th scope="col">Updated</th>
            </tr>
          </thead>
          <tbody>
            {(workflows.data?.items ?? []).map((item) => (
              <tr key={`${item.owner}/${item.name}`}>
                <td>
                  <Link to={`/workflows/${encodeURIComponent(item.name)}${item.shared ? `?owner=${item.owner}` : ''}`}>
                    {item.name}
                  </Link>
                </td>
                <td>v{item.latestVersion}</td>
                <td>
                  {item.owner}
                  {item.shared && <span className="muted"> (shared)</span>}
                </td>
                <td>{item.description}</td>
                <td>{formatTime(item.updatedAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {workflows.data?.items.length === 0 && (
          <p className="muted">No workflows yet: register one with POST /api/v1/workflows.</p>
        )}
      </div>
      <div className="pager">
        <button type="button" disabled={cursors.length === 0} onClick={() => setCursors(cursors.slice(0, -1))}>
          ← Previous
        </button>
        <button
          type="button"
          disabled={!workflows.data?.nextCursor}
          onClick={() => workflows.data?.nextCursor && setCursors([...cursors, workflows.data.nextCursor])}
        >
          Next →
        </button>
      </div>
    </section>
  );
}
