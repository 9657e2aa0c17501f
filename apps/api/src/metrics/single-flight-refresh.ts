/**
 * Runs `refresh` at most once per `intervalMs`: a call within the interval
 * after the last refresh ended does nothing, and calls while one is running
 * share it. So any number of scrapers cost one refresh per interval. A
 * failed refresh is not remembered: the next call tries again.
 */
export class SingleFlightRefresh {
  private running: Promise<void> | undefined;
  private lastDoneAt = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly refresh: () => Promise<void>,
    private readonly intervalMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  run(): Promise<void> {
    if (this.running) return this.running;
    if (this.now() - this.lastDoneAt < this.intervalMs) return Promise.resolve();
    this.running = this.refresh()
      .then(() => {
        this.lastDoneAt = this.now();
      })
      .finally(() => {
        this.running = undefined;
      });
    return this.running;
  }
}
