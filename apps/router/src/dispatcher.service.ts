import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { TASKLOOM_CONFIG, type TaskloomConfig } from '@taskloom/config';
import {
  CLAIM_PLANNER,
  READY_CHANNEL,
  READY_KINDS,
  TaskDispatchRepository,
  TransactionRunner,
  type ClaimedTask,
  type RateLimitedClaim,
  type UnitOptions,
} from '@taskloom/persistence';
import { dispatchBonusMs } from '@taskloom/orchestrator';
import { metrics } from '@taskloom/telemetry';
import { BackpressureMonitor } from './backpressure.monitor';
import { CoalescedRounds } from './coalesced-rounds';
import { EarliestWake } from './earliest-wake';
import { PacedProbe } from './paced-probe';
import { RouterNotifications } from './router-notifications';
import { TaskEnqueuer } from './task-enqueuer';

const NO_RATE_LIMITED_CLAIM: RateLimitedClaim = { tasks: [], nextPermitInMs: null };
/** A lost claim leaves its tasks 'ready' to be claimed again (UnitOptions.waitForFlush). */
const CLAIM_UNIT: UnitOptions = { waitForFlush: false, planner: CLAIM_PLANNER };

/**
 * Moves ready tasks from PostgreSQL to their queues: claim a batch in
 * dispatch order (skipping rows other routers hold and queues that are
 * saturated), commit, then addBulk. Wakes on NOTIFY (after a short linger so
 * a burst goes out as one batch) and again at once while batches come back
 * full. A probe asks whether some ready task's time has come, and wakes it
 * if so: that dispatches a task retried after a backoff (announced when the
 * retry commits, due later) and whatever a lost notification announced, for
 * one query instead of a claim transaction. It runs every ROUTER_POLL_MS
 * while any task is ready (due or backing off) and from the moment a
 * notification says one may be; with none ready, only every
 * ROUTER_SAFETY_POLL_MS, for a lost notification (ADR 0028, ADR 0034).
 *
 * A crash between the commit and the addBulk leaves tasks 'queued' with no
 * job; the reconciler re-enqueues them.
 */
@Injectable()
export class DispatcherService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(DispatcherService.name);
  private lingerTimer: NodeJS.Timeout | undefined;
  private readonly rounds = new CoalescedRounds('dispatch round', () => this.dispatchRound(), this.logger);
  private readonly nextPermit = new EarliestWake(() => this.rounds.wake());
  private readonly probe = new PacedProbe('probing for due ready tasks', () => this.probeReadiness(), this.logger);
  /** The last round found no keyed or rate-limited task ready: the next claims plain tasks in one round trip. */
  private onlyPlainReady = false;

  constructor(
    @Inject(TASKLOOM_CONFIG) private readonly config: TaskloomConfig,
    private readonly transactions: TransactionRunner,
    private readonly dispatch: TaskDispatchRepository,
    private readonly enqueuer: TaskEnqueuer,
    private readonly backpressure: BackpressureMonitor,
    private readonly notifications: RouterNotifications,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    this.backpressure.whenRelieved(() => this.rounds.wake());
    await this.notifications.listen(READY_CHANNEL, () => this.wakeSoon());
    this.probe.start({ afterFailureMs: this.config.router.pollMs });
  }

  /** Wakes a round when a ready task is due; returns when to probe again. */
  private async probeReadiness(): Promise<number> {
    const { due, ready } = await this.dispatch.readiness();
    if (due) this.rounds.wake();
    return ready ? this.config.router.pollMs : this.config.router.safetyPollMs;
  }

  private wakeSoon(): void {
    // What became ready may be a retry, due only after its backoff: the probe finds it then.
    this.probe.soon(this.config.router.pollMs);
    if (this.lingerTimer || this.rounds.isStopped) return;
    this.lingerTimer = setTimeout(() => {
      this.lingerTimer = undefined;
      this.rounds.wake();
    }, this.config.router.lingerMs);
  }

  /** One claim-and-enqueue round; returns how many tasks it dispatched. */
  async dispatchOnce(): Promise<number> {
    return (await this.claimAndEnqueue()).dispatched;
  }

  /** A round, and whether another should follow at once (a claim came back full). */
  private async dispatchRound(): Promise<boolean> {
    return (await this.claimAndEnqueue()).full;
  }

  /**
   * Plain, keyed (ADR 0022) and rate-limited (ADR 0026) tasks are claimed
   * in one transaction, each up to a batch: tasks waiting for slots or
   * permits never hold the others back. The keyed and rate-limited claims
   * run only when the transaction's opening finds a task of their kind
   * ready. When a bucket is out of permits, a timer wakes a round as its
   * next one comes due.
   */
  private async claimAndEnqueue(): Promise<{ dispatched: number; full: boolean }> {
    return this.onlyPlainReady ? this.claimPlainInOneTrip() : this.claimEveryKind();
  }

  /**
   * While rounds find only plain tasks ready, a round is the fair claim
   * alone, opened with READY_KINDS and committed in the same round trip
   * (ADR 0040). A keyed or rate-limited task it finds ready sends the next
   * round, at once, through the claim of every kind.
   */
  private async claimPlainInOneTrip(): Promise<{ dispatched: number; full: boolean }> {
    const { tasks, more, ready } = await this.dispatch.claimFairlyInOneTrip(
      this.config.router.batchSize,
      this.backpressure.saturated(),
      CLAIM_UNIT,
    );
    this.onlyPlainReady = !ready.keyed && !ready.rateLimited;
    return { dispatched: await this.enqueueClaimed(tasks), full: more || !this.onlyPlainReady };
  }

  private async claimEveryKind(): Promise<{ dispatched: number; full: boolean }> {
    const batchSize = this.config.router.batchSize;
    const saturated = this.backpressure.saturated();
    const { plain, more, keyed, rated } = await this.transactions.runOpenedWith(
      READY_KINDS,
      async (db, ready) => {
        this.onlyPlainReady = !ready.keyed && !ready.rateLimited;
        // Rate-limited first: a bucket's next slice is timed, and what runs before it in the round delays it.
        const rated = ready.rateLimited
          ? await this.dispatch.claimRateLimited(db, batchSize, saturated)
          : NO_RATE_LIMITED_CLAIM;
        const fair = await this.dispatch.claimFairly(db, batchSize, saturated);
        const keyed = ready.keyed ? await this.dispatch.claimKeyed(db, batchSize, saturated) : [];
        return { plain: fair.tasks, more: fair.more, keyed, rated };
      },
      CLAIM_UNIT,
    );
    if (rated.nextPermitInMs !== null) this.nextPermit.in(rated.nextPermitInMs);
    if (rated.tasks.length > 0) metrics.ratePermitsGranted.inc(rated.tasks.length);
    const full = more || keyed.length >= batchSize || rated.tasks.length >= batchSize;
    const claimed =
      keyed.length === 0 && rated.tasks.length === 0
        ? plain
        : this.inDispatchOrder([...plain, ...keyed, ...rated.tasks]);
    return { dispatched: await this.enqueueClaimed(claimed), full };
  }

  /** The order claimReady gives (ADR 0003: ready time less the class's head start), across both claims. */
  private inDispatchOrder(tasks: ClaimedTask[]): ClaimedTask[] {
    const agingMs = this.config.queue.priorityAgingMs;
    const place = (task: ClaimedTask) => task.readyAt - dispatchBonusMs(task.priority, agingMs);
    return tasks.sort((a, b) => place(a) - place(b));
  }

  private async enqueueClaimed(claimed: ClaimedTask[]): Promise<number> {
    if (claimed.length === 0) return 0;
    metrics.routerClaimBatch.observe(claimed.length);
    const enqueued = metrics.routerEnqueueDuration.startTimer();
    await this.enqueuer.enqueue(claimed);
    enqueued();
    const perQueue = new Map<string, number>();
    for (const task of claimed) perQueue.set(task.queue, (perQueue.get(task.queue) ?? 0) + 1);
    for (const [queue, count] of perQueue) this.backpressure.noteEnqueued(queue, count);
    return claimed.length;
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.lingerTimer) clearTimeout(this.lingerTimer);
    this.nextPermit.cancel();
    await this.probe.stop();
    await this.rounds.stop();
  }
}
