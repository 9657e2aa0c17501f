import { Injectable } from '@nestjs/common';
import { planRunAdmission, type OnLimit } from '@taskloom/engine';
import { RunAdmissionRepository, RunRepository, TransactionRunner, type Db } from '@taskloom/persistence';
import { CancelledRuns } from '@taskloom/queue';
import { metrics } from '@taskloom/telemetry';
import { ActivationService } from './activation.service';
import { CascadeService } from './cascade.service';
import { RunControlService } from './run-control.service';

/** Queued runs read per key and round: admission takes them in order, so the head is all it needs. */
const QUEUED_PER_KEY = 1_000;

/** What an admission or promotion round did. */
export interface AdmissionRound {
  /** Keys or runs looked at; a full batch means more may wait. */
  examined: number;
  admitted: number;
  /** Runs ended by onLimit (cancel_newest, cancel_oldest), sub-runs included, for CancelledRuns.announce. */
  cancelledRuns: string[];
  /** How many runs each onLimit policy cancelled directly (not counting their sub-runs). */
  cancelledByOnLimit: Partial<Record<OnLimit, number>>;
}

/** Runs promoted by one round (DelayedRunPromoter). */
export interface PromotionRound {
  promoted: { id: string; startAt: Date; status: 'pending' | 'queued' }[];
}

/**
 * Starts runs that were not started when they were created (ADR 0027): a
 * delayed run when its time comes, and a run of a workflow with a
 * concurrency key when its key has room. Either way its roots are activated
 * only then, in the transaction that admits it, so nothing of a run that
 * has not started is ready, dispatched or waiting.
 */
@Injectable()
export class RunAdmissionService {
  constructor(
    private readonly transactions: TransactionRunner,
    private readonly admission: RunAdmissionRepository,
    private readonly runs: RunRepository,
    private readonly activation: ActivationService,
    private readonly cascade: CascadeService,
    private readonly control: RunControlService,
    private readonly cancelled: CancelledRuns,
  ) {}

  /** Promotes up to `limit` due delayed runs: keyed ones are queued for admission, the others start. */
  promoteDue(limit: number): Promise<PromotionRound> {
    return this.transactions.run(async (db) => {
      const promoted = await this.runs.promoteDue(db, limit);
      await this.startRuns(
        db,
        promoted.filter((run) => run.status === 'pending').map((run) => run.id),
      );
      return { promoted };
    });
  }

  /**
   * Admits queued runs of up to `maxKeys` keys, each key in a transaction
   * of its own under its advisory lock; a key another process is admitting
   * is left to it (the routers' loop).
   */
  async admitQueued(maxKeys: number): Promise<AdmissionRound> {
    const keys = await this.transactions.run((db) => this.admission.queuedKeys(db, maxKeys));
    return this.admitKeys(keys, 'skip');
  }

  /**
   * Decides the queued runs of these keys now, waiting for a key's lock if
   * another process holds it: the run starter calls this right after it
   * created keyed runs, so its answer already says whether each was
   * admitted, queued or cancelled.
   */
  admitNow(keys: readonly string[]): Promise<AdmissionRound> {
    return this.admitKeys(keys, 'wait');
  }

  /** One transaction per key; then cancelled runs are announced to executors, as an API cancel is. */
  private async admitKeys(keys: readonly string[], locking: 'skip' | 'wait'): Promise<AdmissionRound> {
    const round: AdmissionRound = { examined: keys.length, admitted: 0, cancelledRuns: [], cancelledByOnLimit: {} };
    try {
      for (const key of keys) {
        const done = await this.transactions.run((db) => this.admitKey(db, key, locking));
        round.admitted += done.admitted;
        round.cancelledRuns.push(...done.cancelledRuns);
        for (const [onLimit, count] of Object.entries(done.cancelledByOnLimit) as [OnLimit, number][]) {
          round.cancelledByOnLimit[onLimit] = (round.cancelledByOnLimit[onLimit] ?? 0) + count;
          if (count > 0) metrics.runsCancelledByOnLimit.inc({ on_limit: onLimit }, count);
        }
      }
    } finally {
      // Keys decided before a failure have committed: their cancellations are announced all the same.
      await this.cancelled.announce(round.cancelledRuns);
    }
    return round;
  }

  private async admitKey(db: Db, key: string, locking: 'skip' | 'wait'): Promise<Omit<AdmissionRound, 'examined'>> {
    const none = { admitted: 0, cancelledRuns: [], cancelledByOnLimit: {} };
    if (locking === 'wait') await this.admission.lockKey(db, key);
    else if (!(await this.admission.tryLockKey(db, key))) return none;
    const rows = await this.admission.keyRows(db, key, QUEUED_PER_KEY);
    if (rows.limit === undefined) return none;
    const onLimit = rows.onLimit as OnLimit;
    const plan = planRunAdmission({ limit: rows.limit, onLimit, holders: rows.holders, queued: rows.queued });
    const cancelledRuns: string[] = [];
    const reason = {
      name: 'ConcurrencyLimit',
      message: `the workflow concurrency key was at its limit of ${rows.limit} active runs (onLimit: ${onLimit})`,
    };
    for (const id of [...plan.cancelHolders, ...plan.cancelQueued]) {
      cancelledRuns.push(...(await this.control.cancelWithin(db, id, reason)));
    }
    const admitted = await this.admission.admit(db, plan.admit);
    await this.startRuns(db, admitted);
    return {
      admitted: admitted.length,
      cancelledRuns,
      cancelledByOnLimit: { [onLimit]: plan.cancelHolders.length + plan.cancelQueued.length },
    };
  }

  /** The roots of runs that just became pending are activated, as a run's are when it is created started. */
  private async startRuns(db: Db, runIds: readonly string[]): Promise<void> {
    if (runIds.length === 0) return;
    const roots = await this.admission.blockedRoots(db, runIds);
    await this.cascade.propagate(db, await this.activation.activate(db, roots));
  }
}
