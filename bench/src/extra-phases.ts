import { backlogDrain, type BacklogResult } from './backlog';
import { bulkSubmission, type BulkResult } from './bulk';
import { watchDeadTuples, type DeadTuples } from './dead-tuples';
import type { BenchOptions } from './options';
import { fixedRate, type FixedRateResult, type PhaseContext } from './phases';
import { singleTask } from './workflows';

/** What the phases of issue 20 add to a bench result. */
export interface ExtraResult {
  /** The fixed-rate phase at --rate on a fresh system: after the warm-up, before any burst. */
  fixedRateFresh: FixedRateResult;
  /** At --high-rate, after the fixed-rate phase that follows the bursts. */
  fixedRateHigh: FixedRateResult;
  /** At --moderate-rate, after the higher one: what the processes cost while the load is light. */
  fixedRateModerate: FixedRateResult;
  bulk: BulkResult;
  backlog: BacklogResult | null;
  /** Dead tuples on runs and tasks during each sustained phase. */
  deadTuples: Record<string, DeadTuples>;
}

export const EXTRA_WORKFLOWS = [
  singleTask('bench-rate-fresh'),
  singleTask('bench-bulk'),
  singleTask('bench-rate-high'),
  singleTask('bench-rate-moderate'),
  singleTask('bench-backlog'),
];

/**
 * The phases beyond the original five, each called by main.ts at its place
 * in the order: a fixed rate on a fresh system, bulk submission through
 * `runs:batch`, a higher fixed rate, and the drain of a deep ready backlog;
 * dead tuples are watched during every sustained phase.
 */
export class ExtraPhases {
  private fresh: FixedRateResult | undefined;
  private bulkResult: BulkResult | undefined;
  private high: FixedRateResult | undefined;
  private moderate: FixedRateResult | undefined;
  private backlogResult: BacklogResult | null = null;
  private readonly deadTuples: Record<string, DeadTuples> = {};

  constructor(
    private readonly ctx: PhaseContext,
    private readonly options: BenchOptions,
    private readonly databaseUrl: string,
    private readonly pids: () => ReadonlyMap<number, string>,
  ) {}

  async fixedRateFresh(): Promise<void> {
    const { rate, duration } = this.options;
    this.ctx.progress.start(`fixed rate on a fresh system: ${rate} runs/s for ${duration} s`);
    this.fresh = await this.watched('fresh', () => fixedRate(this.ctx, 'bench-rate-fresh', rate, duration));
  }

  async bulk(): Promise<void> {
    const { bulkRuns, bulkSize, bulkConnections } = this.options;
    this.ctx.progress.start(`bulk submission: ${bulkRuns} runs in batches of ${bulkSize}`);
    this.bulkResult = await bulkSubmission(this.ctx, 'bench-bulk', bulkRuns, bulkSize, bulkConnections);
  }

  /** The original fixed-rate phase, after the bursts, with its dead tuples watched. */
  afterBurst(phase: () => Promise<FixedRateResult>): Promise<FixedRateResult> {
    return this.watched('afterBurst', phase);
  }

  async highRateAndBacklog(): Promise<void> {
    const { highRate, moderateRate, duration, backlogTasks } = this.options;
    this.ctx.progress.start(`fixed rate: ${highRate} runs/s for ${duration} s`);
    this.high = await this.watched('high', () => fixedRate(this.ctx, 'bench-rate-high', highRate, duration));
    this.ctx.progress.start(`fixed rate: ${moderateRate} runs/s for ${duration} s`);
    this.moderate = await this.watched('moderate', () =>
      fixedRate(this.ctx, 'bench-rate-moderate', moderateRate, duration),
    );
    if (backlogTasks === 0) return;
    this.ctx.progress.start(`backlog: ${backlogTasks} ready tasks, then their drain`);
    this.backlogResult = await this.watched('backlog', () =>
      backlogDrain(this.ctx, 'bench-backlog', backlogTasks, this.pids()),
    );
  }

  result(): ExtraResult {
    if (!this.fresh || !this.bulkResult || !this.high || !this.moderate) throw new Error('an extra phase did not run');
    return {
      fixedRateFresh: this.fresh,
      fixedRateHigh: this.high,
      fixedRateModerate: this.moderate,
      bulk: this.bulkResult,
      backlog: this.backlogResult,
      deadTuples: this.deadTuples,
    };
  }

  private async watched<T>(name: string, phase: () => Promise<T>): Promise<T> {
    const [result, dead] = await watchDeadTuples(this.databaseUrl, phase);
    this.deadTuples[name] = dead;
    return result;
  }
}
