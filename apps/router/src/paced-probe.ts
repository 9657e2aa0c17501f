import type { Logger } from '@nestjs/common';
import { EarliestWake } from './earliest-wake';

/**
 * Runs `probe` on a timer whose pace the probe sets: each run returns how
 * long until the next. soon() brings the next run forward when something
 * may have changed; a later request while an earlier run is pending changes
 * nothing (EarliestWake). Never two runs at once: a request made during a
 * run is kept for after it. A failed run is logged and tried again after
 * `afterFailureMs`. stop() waits for the run in progress.
 */
export class PacedProbe {
  private readonly next = new EarliestWake(() => this.run());
  private running: Promise<void> | undefined;
  /** When a request made during the run in progress wants the next run. */
  private askedDuringRun = Infinity;
  private stopped = false;
  private afterFailureMs = 0;

  constructor(
    private readonly what: string,
    private readonly probe: () => Promise<number>,
    private readonly logger: Logger,
  ) {}

  start(options: { afterFailureMs: number }): void {
    this.afterFailureMs = options.afterFailureMs;
    this.soon(0);
  }

  /** Run within `ms` milliseconds, unless a run is already due sooner. */
  soon(ms: number): void {
    if (this.stopped) return;
    if (this.running) this.askedDuringRun = Math.min(this.askedDuringRun, Date.now() + ms);
    else this.next.in(ms);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.next.cancel();
    await this.running;
  }

  private run(): void {
    this.running = this.probe()
      .catch((error: Error) => {
        this.logger.error(`${this.what} failed: ${error.message}`);
        return this.afterFailureMs;
      })
      .then((nextInMs) => {
        this.running = undefined;
        const askedInMs = this.askedDuringRun - Date.now();
        this.askedDuringRun = Infinity;
        if (!this.stopped) this.next.in(Math.max(0, Math.min(nextInMs, askedInMs)));
      });
  }
}
