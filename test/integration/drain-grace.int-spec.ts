import { ReconciliationRepository } from '@taskloom/persistence';
import { OrchestratorHarness } from '../support/orchestrator-harness';

/**
 * An admin drain hands back tasks whose queue job it removed. A task a
 * router has just claimed may not be in the queue yet: handing it back
 * then would give it a second job once the router enqueues the first.
 */
describe('a queue drain leaves tasks a router may still be enqueueing', () => {
  let harness: OrchestratorHarness;

  beforeAll(async () => {
    harness = await OrchestratorHarness.create('drain-grace');
    await harness.define({ name: 'drain-one', tasks: [{ key: 'only', type: 'core.noop' }] });
  });

  afterAll(async () => {
    await harness?.close();
  });

  it('lists for the drain only tasks queued for longer than the grace period', async () => {
    await harness.starter.start({ workflow: 'drain-one', input: {}, tenant: 'default' });
    const [claimed] = await harness.claim();
    const reconciliation = harness.module.get(ReconciliationRepository);

    expect(await reconciliation.queuedIn(claimed!.queue, 60_000)).toEqual([]);
    await harness.database.query(`UPDATE tasks SET queued_at = now() - interval '2 minutes' WHERE id = $1`, [
      claimed!.taskId,
    ]);
    expect(await reconciliation.queuedIn(claimed!.queue, 60_000)).toEqual([
      { id: claimed!.taskId, attempt: claimed!.attempt },
    ]);
  });
});
