import { OperationsPage } from '../operations/OperationsPage';
import { RunPage } from '../run/RunPage';
import { RunsPage } from '../pages/RunsPage';
import { WorkflowPage } from '../workflows/WorkflowPage';
import { WorkflowsPage } from '../workflows/WorkflowsPage';
import { navigate, useLocation } from './router';
import { SessionGate } from './session';
import { Shell } from './Shell';

function Page() {
  const { path } = useLocation();
  const [, section, id] = path.split('/');
  if (section === 'runs' && id) return <RunPage key={id} runId={decodeURIComponent(id)} />;
  if (section === 'workflows' && id) return <WorkflowPage key={id} name={decodeURIComponent(id)} />;
  if (section === 'workflows') return <WorkflowsPage />;
  if (section === 'operations') return <OperationsPage />;
  if (section !== 'runs') queueMicrotask(() => navigate('/runs', { replace: true }));
  return <RunsPage />;
}

export function App() {
  return (
    <SessionGate>
      <Shell>
        <Page />
      </Shell>
    </SessionGate>
  );
}
