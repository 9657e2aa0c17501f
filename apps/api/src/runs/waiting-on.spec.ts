import type { TaskRow } from '@taskloom/persistence';
import { taskRow } from './task-row.fixture';
import { waitingOn, type WaitFacts } from './waiting-on';

const NOW = new Date('2026-12-06T00:00:00Z');

function task(overrides: Partial<TaskRow>): TaskRow {
  return taskRow({ queue: 'q', availableAt: new Date(NOW.getTime() - 1000), ...overrides });
}

function facts(overrides: Partial<WaitFacts> = {}): WaitFacts {
  return {
    now: NOW,
    runStatus: 'running',
    held: new Map(),
    servedTypes: new Set(['core.noop']),
    pausedQueues: new Set(),
    saturatedQueues: new Map(),
    highWater: 1000,
    tenant: 'acme',
    batchSize: 100,
    rateWindows: new Map(),
    ...overrides,
  };
}

describe('waitingOn', () => {
  it('says nothing for a task that runs or has ended', () => {
    for (const status of ['running', 'succeeded', 'failed', 'skipped', 'cancelled'])
      expect(waitingOn(task({ status }), facts())).toBeUndefined();
  });

  it('tells every task of a queued run its workflow key, and of a scheduled run its start time', () => {
    const blocked = task({ status: 'blocked', depsTotal: 0 });
    expect(
      waitingOn(blocked, facts({ runStatus: 'queued', runConcurrency: { key: 'default/acme', held: 2, limit: 2 } })),
    ).toEqual({ cause: 'run_concurrency', key: 'acme', held: 2, limit: 2 });
    const startAt = new Date(NOW.getTime() + 60_000);
    expect(waitingOn(blocked, facts({ runStatus: 'scheduled', runStartAt: startAt }))).toEqual({
      cause: 'run_scheduled',
      startAt: startAt.toISOString(),
    });
    // Once admitted, the task's own cause again.
    expect(waitingOn(task({ status: 'blocked', depsTotal: 1 }), facts({ runStatus: 'pending' }))).toMatchObject({
      cause: 'dependencies',
    });
  });

  it('tells a durable sleep its end and a signal wait its signal and timeout', () => {
    const until = new Date(NOW.getTime() + 60_000);
    expect(waitingOn(task({ status: 'waiting', kind: 'sleep', type: null, wakeAt: until }), facts())).toEqual({
      cause: 'sleep',
      until: until.toISOString(),
    });
    expect(
      waitingOn(
        task({ status: 'waiting', kind: 'signal', type: null, waitSignal: 'approval', wakeAt: until }),
        facts(),
      ),
    ).toEqual({ cause: 'signal', signal: 'approval', timeoutAt: until.toISOString() });
    expect(waitingOn(task({ status: 'waiting', kind: 'signal', type: null, waitSignal: 'approval' }), facts())).toEqual(
      { cause: 'signal', signal: 'approval', timeoutAt: null },
    );
    // A paused run keeps its waits: they still end at their time.
    expect(
      waitingOn(task({ status: 'waiting', kind: 'sleep', type: null, wakeAt: until }), facts({ runStatus: 'paused' })),
    ).toEqual({
      cause: 'sleep',
      until: until.toISOString(),
    });
  });

  it('counts the parents a blocked task still waits for', () => {
    const blocked = task({ status: 'blocked', depsTotal: 3, depsSucceeded: 1, depsSkipped: 1 });
    expect(waitingOn(blocked, facts())).toEqual({ cause: 'dependencies', remaining: 1, total: 3 });
  });

  it('names a paused run before anything else a ready task waits for', () => {
    const keyed = task({ concurrencyKey: 'default/k', concurrencyLimit: 1 });
    expect(waitingOn(keyed, facts({ runStatus: 'paused', held: new Map([['default/k', 1]]) }))).toEqual({
      cause: 'run_paused',
    });
  });

  it('gives a retry backoff its end', () => {
    const until = new Date(NOW.getTime() + 5000);
    expect(waitingOn(task({ availableAt: until }), facts())).toEqual({
      cause: 'retry_backoff',
      until: until.toISOString(),
    });
  });

  it('shows a full concurrency key as held/limit, without its tenant prefix', () => {
    const keyed = task({ concurrencyKey: 'acme/customer-7', concurrencyLimit: 2 });
    expect(waitingOn(keyed, facts({ held: new Map([['acme/customer-7', 2]]) }))).toEqual({
      cause: 'concurrency',
      key: 'customer-7',
      held: 2,
      limit: 2,
    });
    expect(waitingOn(keyed, facts({ held: new Map([['acme/customer-7', 1]]) }))).toEqual({ cause: 'dispatch' });
  });

  it('tells a type no live executor serves, a paused queue and a saturated one apart', () => {
    expect(waitingOn(task({ type: 'x.y' }), facts())).toEqual({ cause: 'no_executor', type: 'x.y' });
    expect(waitingOn(task({}), facts({ pausedQueues: new Set(['q']) }))).toEqual({ cause: 'queue_paused', queue: 'q' });
    expect(waitingOn(task({}), facts({ saturatedQueues: new Map([['q', 1200]]) }))).toEqual({
      cause: 'backpressure',
      queue: 'q',
      depth: 1200,
      highWater: 1000,
    });
  });

  it('has a queued task wait for an executor slot unless no executor can take it', () => {
    expect(waitingOn(task({ status: 'queued' }), facts())).toEqual({ cause: 'executor_slot', queue: 'q' });
    expect(waitingOn(task({ status: 'queued' }), facts({ servedTypes: new Set() }))).toEqual({
      cause: 'no_executor',
      type: 'core.noop',
    });
    // Backpressure holds back what is not yet queued; a queued task is past it.
    expect(waitingOn(task({ status: 'queued' }), facts({ saturatedQueues: new Map([['q', 1200]]) }))).toEqual({
      cause: 'executor_slot',
      queue: 'q',
    });
  });

  it('tells a rate-limited task its bucket, its window and when the next permit is due', () => {
    const rated = task({
      rateKey: 'acme/api',
      rateLimit: 10,
      ratePeriodMs: 1000,
      dispatchAt: new Date(NOW.getTime() - 50),
    });
    const next = new Date(NOW.getTime() + 300);
    const window = { used: 10, nextPermitAt: next, waitFrom: new Date(NOW.getTime() - 100) };
    expect(waitingOn(rated, facts({ rateWindows: new Map([['acme/api', window]]) }))).toEqual({
      cause: 'rate_limit',
      key: 'api',
      limit: 10,
      periodMs: 1000,
      used: 10,
      nextPermitAt: next.toISOString(),
    });
    // Ahead of the tasks that find no permit left: it goes with the next round.
    const ahead = { ...window, used: 5, waitFrom: new Date(NOW.getTime() - 10) };
    expect(waitingOn(rated, facts({ rateWindows: new Map([['acme/api', ahead]]) }))).toEqual({ cause: 'dispatch' });
    // A type's default bucket is shown as it is stored.
    const typed = task({ rateKey: '@type:core.noop', rateLimit: 1, ratePeriodMs: 1000, dispatchAt: NOW });
    const full = { used: 1, nextPermitAt: next, waitFrom: NOW };
    expect(waitingOn(typed, facts({ rateWindows: new Map([['@type:core.noop', full]]) }))).toMatchObject({
      cause: 'rate_limit',
      key: '@type:core.noop',
    });
    // A full concurrency key binds first.
    const both = task({ ...rated, concurrencyKey: 'acme/k', concurrencyLimit: 1 });
    expect(
      waitingOn(both, facts({ held: new Map([['acme/k', 1]]), rateWindows: new Map([['acme/api', window]]) })),
    ).toMatchObject({ cause: 'concurrency' });
  });

  it('says tenant_share for a plain task past its tenant’s part of the batch while others fill the rest', () => {
    const late = task({ dispatchAt: new Date(NOW.getTime() - 10) });
    const turn = { share: 50, beyondShare: new Date(NOW.getTime() - 20), othersReady: 60 };
    expect(waitingOn(late, facts({ tenantTurn: turn }))).toEqual({
      cause: 'tenant_share',
      tenant: 'acme',
      share: 50,
      othersReady: 60,
    });
    // Within its share, or when the others cannot fill the rest of the batch, it goes with the next round.
    const early = task({ dispatchAt: new Date(NOW.getTime() - 30) });
    expect(waitingOn(early, facts({ tenantTurn: turn }))).toEqual({ cause: 'dispatch' });
    expect(waitingOn(late, facts({ tenantTurn: { ...turn, othersReady: 10 } }))).toEqual({ cause: 'dispatch' });
    // Backpressure on its queue is the more binding cause.
    expect(waitingOn(late, facts({ tenantTurn: turn, saturatedQueues: new Map([['q', 5000]]) }))).toMatchObject({
      cause: 'backpressure',
    });
  });
});
