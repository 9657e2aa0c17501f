/**
 * Gathers items until `maxSize` are waiting or `maxWaitMs` has passed since
 * the first, then hands them over together.
 */
export class Batcher<T> {
  private pending: T[] = [];
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly maxSize: number,
    private readonly maxWaitMs: number,
    private readonly flush: (items: T[]) => void,
  ) {}

  add(item: T): void {
    this.pending.push(item);
    if (this.pending.length >= this.maxSize) this.flushNow();
    else this.timer ??= setTimeout(() => this.flushNow(), this.maxWaitMs);
  }

  /** Takes an item back out (e.g. cancelled while waiting); true if it was still waiting. */
  remove(item: T): boolean {
    const index = this.pending.indexOf(item);
    if (index < 0) return false;
    this.pending.splice(index, 1);
    if (this.pending.length === 0) this.clearTimer();
    return true;
  }

  /** Everything still waiting, without flushing it (for close). */
  drain(): T[] {
    this.clearTimer();
    return this.pending.splice(0);
  }

  private flushNow(): void {
    this.clearTimer();
    const items = this.pending.splice(0);
    if (items.length > 0) this.flush(items);
  }

  private clearTimer(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
  }
}
