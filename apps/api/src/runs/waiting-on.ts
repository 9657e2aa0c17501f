import { rateKeyLabel, unqualifiedConcurrencyKey } from '@taskloom/engine';
import type { RateWindow, TaskRow, TenantTurn } from '@taskloom/persistence';
import type { WaitingOnView } from './waiting-on.schemas';

/** What the api knows, at the time of asking, about the things a run's tasks can wait for. */
export interface WaitFacts {
  now: Date;
  runStatus: string;
  /** The run's tenant. */
  tenant: string;
  /** A scheduled run's start time. */
  runStartAt?: Date | null;
  /** A queued run's workflow concurrency key (tenant-qualified), its holders and limit. */
  runConcurrency?: { key: string; held: number; limit: number };
  /** Slots held per (tenant-qualified) concurrency key. */
  held: ReadonlyMap<string, number>;
  /** Task types that at least one live executor serves with enough capacity for their profile. */
  servedTypes: ReadonlySet<string>;
  pausedQueues: ReadonlySet<string>;
  /** Queues at or past the routers' high-water mark, with their depth. */
  saturatedQueues: ReadonlyMap<string, number>;
  highWater: number;
  /** Windows of the rate-limit buckets of the run's ready tasks, by stored key. */
  rateWindows: ReadonlyMap<string, RateWindow>;
  /** The tenant's place in the plain claim; absent when the run has no ready plain task. */
  tenantTurn?: TenantTurn;
  /** The routers' batch size. */
  batchSize: number;
}

const NOT_WAITING = new Set(['running', 'succeeded', 'failed', 'skipped', 'cancelled']);

/**
 * Why a task that is not running has not started, most binding cause first.
 * A run that is queued for its workflow concurrency key or scheduled for
 * later is what all its tasks wait for.
 * A ready task waits for the router, which holds it back for a paused run,
 * a retry's backoff, a full concurrency key, a rate limit with no permit
 * left for it, a type no live executor serves, a paused or saturated queue,
 * other tenants' turns — in that order, the first that applies; with none,
 * it goes out with the next dispatch round. A queued task is in its
 * queue: it waits for an executor (none live, the queue paused, or all busy).
 * Returns undefined for a task that is running or has ended.
 */
export function waitingOn(task: TaskRow, facts: WaitFacts): WaitingOnView | undefined {
  if (NOT_WAITING.has(task.status)) return undefined;
  // A run not admitted yet has nothing ready or waiting: the run itself is what every task waits for (ADR 0027).
  if (facts.runStatus === 'queued' && facts.runConcurrency) {
    const { key, held, limit } = facts.runConcurrency;
    return { cause: 'run_concurrency', key: unqualifiedConcurrencyKey(key).key, held, limit };
  }
  if (facts.runStatus === 'scheduled' && facts.runStartAt)
    return { cause: 'run_scheduled', startAt: facts.runStartAt.toISOString() };
  if (task.status === 'blocked') {
    const settled = task.depsSucceeded + task.depsFailed + task.depsSkipped;
    return { cause: 'dependencies', remaining: Math.max(0, task.depsTotal - settled), total: task.depsTotal };
  }
  // Waits end at their time whether or not the run is paused (ADR 0021).
  if (task.status === 'waiting') return durableWait(task);
  if (facts.runStatus === 'paused') return { cause: 'run_paused' };
  if (task.status === 'ready') return readyWait(task, facts);
  if (task.status === 'queued') return queuedWait(task, facts);
  return undefined;
}

function durableWait(task: TaskRow): WaitingOnView | undefined {
  if (task.kind === 'sleep' && task.wakeAt) return { cause: 'sleep', until: task.wakeAt.toISOString() };
  if (task.kind === 'signal' && task.waitSignal !== null)
    return { cause: 'signal', signal: task.waitSignal, timeoutAt: task.wakeAt ? task.wakeAt.toISOString() : null };
  return undefined;
}

function readyWait(task: TaskRow, facts: WaitFacts): WaitingOnView {
  if (task.availableAt && task.availableAt > facts.now)
    return { cause: 'retry_backoff', until: task.availableAt.toISOString() };
  if (task.concurrencyKey !== null && task.concurrencyLimit !== null) {
    const held = facts.held.get(task.concurrencyKey) ?? 0;
    if (held >= task.concurrencyLimit)
      return {
        cause: 'concurrency',
        key: unqualifiedConcurrencyKey(task.concurrencyKey).key,
        held,
        limit: task.concurrencyLimit,
      };
  }
  return rateWait(task, facts) ?? queueWait(task, facts) ?? tenantShareWait(task, facts) ?? { cause: 'dispatch' };
}

/** The bucket's permits in this window are used, or go to its tasks ahead of this one (ADR 0026). */
function rateWait(task: TaskRow, facts: WaitFacts): WaitingOnView | undefined {
  if (task.rateKey === null || task.rateLimit === null || task.ratePeriodMs === null) return undefined;
  const window = facts.rateWindows.get(task.rateKey);
  if (!window?.waitFrom || !task.dispatchAt || task.dispatchAt < window.waitFrom) return undefined;
  return {
    cause: 'rate_limit',
    key: rateKeyLabel(task.rateKey),
    limit: task.rateLimit,
    periodMs: task.ratePeriodMs,
    used: window.used,
    nextPermitAt: window.nextPermitAt ? window.nextPermitAt.toISOString() : null,
  };
}

/**
 * A plain task past its tenant's weighted part of the next batch, while the
 * other tenants have enough ready to fill the rest: the claim's turns give
 * the batch to them first (ADR 0026 explains the criterion).
 */
function tenantShareWait(task: TaskRow, facts: WaitFacts): WaitingOnView | undefined {
  const turn = facts.tenantTurn;
  if (!turn?.beyondShare || task.concurrencyKey !== null || task.rateKey !== null || !task.dispatchAt) return undefined;
  if (task.dispatchAt < turn.beyondShare || turn.othersReady < facts.batchSize - turn.share) return undefined;
  return { cause: 'tenant_share', tenant: facts.tenant, share: turn.share, othersReady: turn.othersReady };
}

function queuedWait(task: TaskRow, facts: WaitFacts): WaitingOnView {
  return queueWait(task, facts) ?? { cause: 'executor_slot', queue: task.queue ?? '' };
}

/** What stands between a task and its queue's executors, whichever side of the queue it is on. */
function queueWait(task: TaskRow, facts: WaitFacts): WaitingOnView | undefined {
  if (task.type !== null && !facts.servedTypes.has(task.type)) return { cause: 'no_executor', type: task.type };
  if (task.queue !== null && facts.pausedQueues.has(task.queue)) return { cause: 'queue_paused', queue: task.queue };
  const depth = task.queue === null ? undefined : facts.saturatedQueues.get(task.queue);
  if (task.status === 'ready' && depth !== undefined)
    return { cause: 'backpressure', queue: task.queue!, depth, highWater: facts.highWater };
  return undefined;
}
