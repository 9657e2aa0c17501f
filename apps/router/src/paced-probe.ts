import type { Logger } from '@nestjs/common';

/**
 * Runs `probe` on a timer whose pace the probe sets: each run returns how
 * long until the next. soon() brings the next run forward when something
 * may have changed; a later request while an earlier run is pending changes
 * nothing. Never two runs at once: a request made during a run is kept for
 * after it. A failed run is logged and tried again after `afterFailureMs`.
 * stop() waits for the run in progress.
 */
export class PacedProbe {
  private timer: NodeJS.Timeout | undefined;
  private dueAt = Infinity;
  private running: Promise<void> | undefined;
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
    const dueAt = Date.now() + ms;
    if (this.stopped || dueAt >= this.dueAt) return;
    this.dueAt = dueAt;
    if (!this.running) this.arm();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
  }

  private arm(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => this.run(), Math.max(0, this.dueAt - Date.now()));
  }

  private run(): void {
    this.timer = undefined;
    this.dueAt = Infinity;
    this.running = this.probe()
      .catch((error: Error) => {
        this.logger.error(`${this.what} failed: ${error.message}`);
        return this.afterFailureMs;
      })
      .then((nextInMs) => {
        this.running = undefined;
        if (this.stopped) return;
        this.dueAt = Math.min(this.dueAt, Date.now() + nextInMs);
        this.arm();
      });
  }
}
