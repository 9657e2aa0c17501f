import type { Logger } from '@nestjs/common';

/**
 * Runs `work` every `intervalMs`, never two rounds at once: a tick that
 * finds the last round still running is skipped. A failed round is logged
 * and the next tick tries again. stop() waits for the round in progress.
 */
export class PeriodicRound {
  private timer: NodeJS.Timeout | undefined;
  private round: Promise<void> | undefined;

  constructor(
    private readonly what: string,
    private readonly work: () => Promise<unknown>,
    private readonly logger: Logger,
  ) {}

  start(intervalMs: number, options: { now?: boolean } = {}): void {
    if (options.now) this.tick();
    this.timer = setInterval(() => this.tick(), intervalMs);
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.round;
  }

  private tick(): void {
    this.round ??= this.work()
      .then(() => undefined)
      .catch((error: Error) => this.logger.error(`${this.what} failed: ${error.message}`))
      .finally(() => {
        this.round = undefined;
      });
  }
}
