import type { Logger } from '@nestjs/common';

/** After a failed round: long enough not to hammer a database that is down, short against the poll. */
const PAUSE_AFTER_FAILURE_MS = 500;

/**
 * Runs `round` when woken, never two at once: wake-ups during a round make
 * one more round follow, and a round that returns true (its batch came back
 * full, so more may wait) is followed at once. A failed round is logged and
 * followed by a pause; the next wake-up (a notification or the caller's
 * poll) tries again. poll() adds a wake-up every interval, for what no
 * notification announces. stop() ends the poll and waits for the round in
 * progress.
 */
export class CoalescedRounds {
  private running: Promise<void> | undefined;
  private pollTimer: NodeJS.Timeout | undefined;
  private wanted = false;
  private stopped = false;

  constructor(
    private readonly what: string,
    private readonly round: () => Promise<boolean>,
    private readonly logger: Logger,
  ) {}

  wake(): void {
    if (this.stopped) return;
    this.wanted = true;
    this.running ??= this.loop().finally(() => {
      this.running = undefined;
    });
  }

  /** Wakes every `intervalMs` until stop(). */
  poll(intervalMs: number): void {
    this.pollTimer = setInterval(() => this.wake(), intervalMs);
  }

  get isStopped(): boolean {
    return this.stopped;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.pollTimer) clearInterval(this.pollTimer);
    await this.running;
  }

  private async loop(): Promise<void> {
    while (this.wanted && !this.stopped) {
      this.wanted = false;
      try {
        if (await this.round()) this.wanted = true;
      } catch (error) {
        this.logger.error(`${this.what} failed: ${(error as Error).message}`);
        await new Promise((resolve) => setTimeout(resolve, PAUSE_AFTER_FAILURE_MS));
      }
    }
  }
}
