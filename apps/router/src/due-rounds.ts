import type { Logger } from '@nestjs/common';
import { CoalescedRounds } from './coalesced-rounds';

/** After a failed round, the next one comes at least this late (and the gap). */
const RETRY_AFTER_FAILURE_MS = 1_000;

export interface DueRoundsOptions {
  /** What a round does, for the log. */
  what: string;
  /** One round; true when its batch came back full, so another follows at once. */
  round: () => Promise<boolean>;
  /**
   * Milliseconds until the earliest pending item falls due, by PostgreSQL's
   * clock (the one the rounds compare with; zero or less: due now), or null
   * when nothing is pending.
   */
  nextDueInMs: () => Promise<number | null>;
  /** Rounds that notices and due times start are at least this far apart (the old poll period). */
  minGapMs: number;
  /** A round at least this often whatever happens: how late a lost notification can make an item. */
  safetyPollMs: number;
  logger: Logger;
}

/**
 * Rounds over work whose due times are stored in PostgreSQL, woken instead
 * of polled (ADR 0028): after each round it reads when the next item falls
 * due and arms one timer for then; a notice (a NOTIFY saying an earlier due
 * time may exist) brings a round forward; a long safety poll covers a
 * notification lost with the listener's connection. Rounds never overlap,
 * a full batch is followed at once (CoalescedRounds), and rounds that
 * notices or due times start keep `minGapMs` apart, so a burst of notices
 * costs no more than the poll it replaces.
 */
export class DueRounds {
  private readonly rounds: CoalescedRounds;
  private timer: NodeJS.Timeout | undefined;
  private timerAt = Number.POSITIVE_INFINITY;
  private lastRoundAt = Number.NEGATIVE_INFINITY;

  constructor(private readonly options: DueRoundsOptions) {
    this.rounds = new CoalescedRounds(options.what, () => this.roundThenArm(), options.logger);
  }

  /** A round now; from then on the timer keeps itself armed. */
  start(): void {
    this.rounds.wake();
  }

  /** Something may have fallen due sooner (a notification): a round once the gap since the last allows. */
  notice(): void {
    this.armAt(Math.max(Date.now(), this.lastRoundAt + this.options.minGapMs));
  }

  async stop(): Promise<void> {
    this.disarm();
    await this.rounds.stop();
    this.disarm();
  }

  private async roundThenArm(): Promise<boolean> {
    const { minGapMs, safetyPollMs } = this.options;
    this.lastRoundAt = Date.now();
    // A notice that arrived before this round began is answered by it; one arriving during it re-arms.
    this.disarm();
    try {
      if (await this.options.round()) return true;
      const dueInMs = await this.options.nextDueInMs();
      const now = Date.now();
      const dueAt = dueInMs === null ? Number.POSITIVE_INFINITY : now + Math.max(0, dueInMs);
      this.armAt(Math.min(now + safetyPollMs, Math.max(dueAt, this.lastRoundAt + minGapMs)));
      return false;
    } catch (error) {
      this.armAt(Date.now() + Math.max(minGapMs, RETRY_AFTER_FAILURE_MS));
      throw error;
    }
  }

  /** Makes sure a round starts by `at`: an earlier timer stays, a later one is replaced. */
  private armAt(at: number): void {
    if (this.rounds.isStopped || (this.timer && this.timerAt <= at)) return;
    this.disarm();
    this.timerAt = at;
    this.timer = setTimeout(
      () => {
        this.timer = undefined;
        this.timerAt = Number.POSITIVE_INFINITY;
        this.rounds.wake();
      },
      Math.max(0, at - Date.now()),
    );
  }

  private disarm(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.timerAt = Number.POSITIVE_INFINITY;
  }
}
