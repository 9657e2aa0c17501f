import { loadConfig } from '@taskloom/config';
import type { ClaimedTask, TaskDispatchRepository, TransactionRunner } from '@taskloom/persistence';
import type { BackpressureMonitor } from './backpressure.monitor';
import { DispatcherService } from './dispatcher.service';
import type { TaskEnqueuer } from './task-enqueuer';

const LINGER_MS = 50;

const task = (taskId: string): ClaimedTask =>
  ({ taskId, runId: 'r', type: 'core.noop', queue: 'q', priority: 3, readyAt: Date.now() }) as ClaimedTask;

/** A dispatcher over stubs whose claims answer `batches` in turn, then nothing; its rounds driven by hand. */
function dispatcherClaiming(batches: { tasks: ClaimedTask[]; more: boolean }[]) {
  const claimFairly = jest.fn(async () => batches.shift() ?? { tasks: [], more: false });
  const dispatch = { claimFairly, claimKeyed: async () => [] } as unknown as TaskDispatchRepository;
  const transactions = { run: (work: (db: unknown) => Promise<unknown>) => work({}) } as unknown as TransactionRunner;
  const enqueuer = { enqueue: async () => undefined } as unknown as TaskEnqueuer;
  const backpressure = { saturated: () => [], noteEnqueued: () => undefined } as unknown as BackpressureMonitor;
  const dispatcher = new DispatcherService(
    loadConfig({ ROUTER_LINGER_MS: String(LINGER_MS) }),
    transactions,
    dispatch,
    enqueuer,
    backpressure,
  );
  return { claimFairly, rounds: dispatcher['rounds'] };
}

describe('DispatcherService rounds', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('holds the round after one that came back short for the linger, so a trickle goes out in batches', async () => {
    const { claimFairly, rounds } = dispatcherClaiming([{ tasks: [task('a')], more: false }]);
    rounds.wake();
    await jest.advanceTimersByTimeAsync(0);
    // A task became ready while the first round ran.
    rounds.wake();
    await jest.advanceTimersByTimeAsync(LINGER_MS - 1);
    expect(claimFairly).toHaveBeenCalledTimes(1);
    await jest.advanceTimersByTimeAsync(1);
    expect(claimFairly).toHaveBeenCalledTimes(2);
    await rounds.stop();
  });

  it('follows a full round at once', async () => {
    const { claimFairly, rounds } = dispatcherClaiming([{ tasks: [task('a'), task('b')], more: true }]);
    rounds.wake();
    await jest.advanceTimersByTimeAsync(0);
    expect(claimFairly).toHaveBeenCalledTimes(2);
    await rounds.stop();
  });

  it('does not linger after a round that found nothing', async () => {
    const { claimFairly, rounds } = dispatcherClaiming([]);
    rounds.wake();
    await jest.advanceTimersByTimeAsync(0);
    rounds.wake();
    await jest.advanceTimersByTimeAsync(0);
    expect(claimFairly).toHaveBeenCalledTimes(2);
    await rounds.stop();
  });
});
