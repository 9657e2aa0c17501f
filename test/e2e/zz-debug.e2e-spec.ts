import { Cluster } from '../support/cluster';
import { startRun, type RunView } from '../support/flow-control';
describe('debug', () => {
  it('shows', async () => {
    const cluster = await Cluster.start('e2e-rate-dbg', { ROUTER_BATCH_SIZE: '50' });
    await Promise.all([cluster.startRouter(), cluster.startExecutor()]);
    try {
      await cluster.api.post('/api/v1/workflows', {
        name: 'per-account',
        tasks: [{ key: 'call', type: 'core.noop', forEach: '{{ run.input.items }}',
          rateLimit: { key: '{{ run.input.account }}', limit: 10, periodMs: 1000 } }],
      });
      const run = await startRun(cluster, 'per-account', { account: 'acct-1', items: Array(40).fill(1) });
      await cluster.api.waitForRun<RunView>(run, 60000);
      const rows = await cluster.sql<{ q: string; s: string; d: number }>(`SELECT to_char(t.queued_at, 'SS.MS') q, to_char(a.started_at, 'SS.MS') s, extract(epoch from a.started_at - t.queued_at)*1000 d FROM tasks t JOIN task_attempts a ON a.task_id = t.id WHERE t.run_id = $1 AND t.kind='item' ORDER BY a.started_at`, [run]);
      console.log(rows.map((r) => `${r.q} ${r.s} ${Math.round(r.d)}`).join('\n'));
    } finally { await cluster.stop(); }
  }, 120000);
});
