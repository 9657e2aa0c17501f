export interface BatcherOptions {
  /** A batch goes out once this many items wait, and never carries more. */
  maxSize: number;
  /**
   * …or this long after its first item arrived. 0 sends once the event
   * loop has handled the I/O at hand (setImmediate), so the items that
   * arrived together go out together without waiting for a timer.
   */
  maxWaitMs: number;
  /**
   * At most this many batches out at once (unbounded when absent). While
   * that many are out, items keep gathering and go out together as soon as
   * one returns: under load batches grow by themselves, so the receiver sees
   * a few large batches instead of many small ones; idle, nothing waits.
   */
  maxInFlight?: number;
}

/**
 * Gathers items until `maxSize` are waiting or `maxWaitMs` has passed since
 * the first, then hands them to `send` together. A batch is in flight until
 * the promise `send` returns settles; `send` answers its items itself and
 * must not reject.
 */
export class Batcher<T> {
  private pending: T[] = [];
  private timer?: NodeJS.Timeout;
  private immediate?: NodeJS.Immediate;
  private readonly inFlight = new Set<Promise<void>>();
  private readonly maxInFlight: number;

  constructor(
    private readonly options: BatcherOptions,
    private readonly send: (items: T[]) => Promise<void>,
  ) {
    this.maxInFlight = options.maxInFlight ?? Number.POSITIVE_INFINITY;
  }

  add(item: T): void {
    this.pending.push(item);
    if (this.pending.length >= this.options.maxSize) this.flush();
    else this.flushLater();
  }

  /** Takes an item back out (e.g. cancelled while waiting); true if it was still waiting. */
  remove(item: T): boolean {
    const index = this.pending.indexOf(item);
    if (index < 0) return false;
    this.pending.splice(index, 1);
    if (this.pending.length === 0) this.clearTimer();
    return true;
  }

  /** Everything still waiting, taken back without being sent (for close). */
  takeWaiting(): T[] {
    this.clearTimer();
    return this.pending.splice(0);
  }

  /** Sends everything waiting now, past maxInFlight; resolves once every batch sent so far has been handled. */
  async sendAll(): Promise<void> {
    while (this.pending.length > 0) this.flush(true);
    await Promise.all([...this.inFlight]);
  }

  private flush(ignoreLimit = false): void {
    this.clearTimer();
    // At the limit the items wait; the batch that returns first sends them.
    if (this.pending.length === 0 || (!ignoreLimit && this.inFlight.size >= this.maxInFlight)) return;
    const flight = this.send(this.pending.splice(0, this.options.maxSize));
    this.inFlight.add(flight);
    void flight.finally(() => {
      this.inFlight.delete(flight);
      if (this.pending.length > 0 && this.inFlight.size < this.maxInFlight) this.flush();
    });
    if (this.pending.length >= this.options.maxSize) this.flush(ignoreLimit);
    else if (this.pending.length > 0) this.flushLater();
  }

  /**
   * A timer of 0 ms would still wait for the loop's next timers phase, at
   * least a millisecond, and wake the process once more for it; at a
   * moderate rate, where each item arrives alone, that wake-up is most of
   * the cost of handling it.
   */
  private flushLater(): void {
    if (this.timer || this.immediate) return;
    if (this.options.maxWaitMs <= 0) this.immediate = setImmediate(() => this.flush());
    else this.timer = setTimeout(() => this.flush(), this.options.maxWaitMs);
  }

  private clearTimer(): void {
    clearTimeout(this.timer);
    clearImmediate(this.immediate);
    this.timer = undefined;
    this.immediate = undefined;
  }
}
