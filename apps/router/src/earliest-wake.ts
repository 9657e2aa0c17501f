/**
 * One timer that calls `wake` at the earliest time asked for: a later
 * request while an earlier one is pending changes nothing, an earlier one
 * replaces it. For the rate-limit bucket whose next permit comes first
 * (ADR 0026), which no notification announces.
 */
export class EarliestWake {
  private timer: NodeJS.Timeout | undefined;
  private dueAt = Infinity;

  constructor(private readonly wake: () => void) {}

  /** Wake in `ms` milliseconds, unless a wake-up is already due sooner. */
  in(ms: number): void {
    const dueAt = Date.now() + ms;
    if (this.timer && dueAt >= this.dueAt) return;
    this.cancel();
    this.dueAt = dueAt;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.dueAt = Infinity;
      this.wake();
    }, ms);
  }

  cancel(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.dueAt = Infinity;
  }
}
