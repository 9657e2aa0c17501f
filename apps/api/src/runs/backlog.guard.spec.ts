import { loadConfig } from '@taskloom/config';
import { OverloadedError } from '@taskloom/orchestrator';
import type { TaskDispatchRepository } from '@taskloom/persistence';
import { BacklogGuard } from './backlog.guard';

const LIMIT = 100;

/** A backlog count the test answers by hand, to see when the guard asks and what it is told. */
class ManualCount {
  backlog = 0;
  calls = 0;
  private pending: Array<() => void> = [];
  held = false;

  readonly repository = {
    countBacklog: () => {
      this.calls += 1;
      if (!this.held) return Promise.resolve(this.backlog);
      return new Promise<number>((resolve) => this.pending.push(() => resolve(this.backlog)));
    },
  } as unknown as TaskDispatchRepository;

  release(): void {
    this.held = false;
    for (const answer of this.pending.splice(0)) answer();
  }
}

describe('BacklogGuard', () => {
  let count: ManualCount;
  let guard: BacklogGuard;

  beforeEach(async () => {
    jest.useFakeTimers({ now: 1_000_000 });
    count = new ManualCount();
    guard = new BacklogGuard(loadConfig({ API_BACKLOG_LIMIT: String(LIMIT) }), count.repository);
    await guard.onModuleInit();
  });

  afterEach(() => jest.useRealTimers());

  it('counts nothing while no request comes', async () => {
    await jest.advanceTimersByTimeAsync(60_000);
    expect(count.calls).toBe(1);
  });

  it('judges the first request after a quiet spell on a fresh count', async () => {
    count.backlog = LIMIT + 1;
    jest.advanceTimersByTime(10_000);
    await expect(guard.assertAccepting()).rejects.toBeInstanceOf(OverloadedError);
    expect(count.calls).toBe(2);
  });

  it('judges requests within a second on the last count, without counting again', async () => {
    count.backlog = LIMIT + 1;
    jest.advanceTimersByTime(999);
    await expect(guard.assertAccepting()).resolves.toBeUndefined();
    expect(count.calls).toBe(1);
  });

  it('under a steady stream, counts again in the background: no request waits for it, concurrent ones share it', async () => {
    count.backlog = LIMIT * 3;
    count.held = true;
    jest.advanceTimersByTime(2_000);
    // The count is in flight and held: these are judged on the last one (0) and do not wait.
    await expect(Promise.all([guard.assertAccepting(), guard.assertAccepting()])).resolves.toEqual([
      undefined,
      undefined,
    ]);
    expect(count.calls).toBe(2);
    count.release();
    await Promise.resolve();
    await Promise.resolve();
    const refusal = await guard.assertAccepting().catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(OverloadedError);
    expect((refusal as OverloadedError).message).toMatch(/backlog of 300 .* limit of 100 \(API_BACKLOG_LIMIT\)/);
  });
});
