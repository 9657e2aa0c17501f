export interface BatchingOptions {
  /** A batch goes out once this many items wait, and never carries more. */
  maxSize: number;
  /** …or this long after its first item arrived. */
  lingerMs: number;
  /**
   * At most this many writes at once (unbounded when absent). While that
   * many are out, items keep gathering and go out together as soon as one
   * returns: under load batches grow by themselves, so the database sees a
   * few large statements instead of many small ones; idle, nothing waits.
   */
  maxInFlight?: number;
  /**
   * Errors that belong to an item rather than to the write (PostgreSQL
   * refusing one item's data). A batch that fails with one is split in
   * halves and each half written again, down to the item at fault: only
   * that item's caller gets the error, the others' writes land.
   */
  isolate?: (error: unknown) => boolean;
}

interface Pending<T, R> {
  item: T;
  resolve: (result: R) => void;
  reject: (error: unknown) => void;
}

/**
 * Gathers items submitted by concurrent callers into one write. Each
 * caller's promise settles with the outcome of the write its item went out
 * in, so a caller still learns whether its write landed.
 */
export class WriteBatcher<T, R = void> {
  private pending: Pending<T, R>[] = [];
  private timer: NodeJS.Timeout | undefined;
  private readonly inFlight = new Set<Promise<void>>();
  private readonly maxInFlight: number;

  constructor(
    private readonly write: (items: T[]) => Promise<R[]>,
    private readonly options: BatchingOptions,
  ) {
    this.maxInFlight = options.maxInFlight ?? Number.POSITIVE_INFINITY;
  }

  submit(item: T): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      this.pending.push({ item, resolve, reject });
      if (this.pending.length >= this.options.maxSize) this.flush();
      else this.timer ??= setTimeout(() => this.flush(), this.options.lingerMs);
    });
  }

  /** Writes everything waiting now, whatever is in flight; resolves once every write started so far has finished. */
  async drain(): Promise<void> {
    while (this.pending.length > 0) this.flush(true);
    await Promise.all([...this.inFlight]);
  }

  private flush(ignoreLimit = false): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    // At the limit the items wait; the write that returns first sends them.
    if (this.pending.length === 0 || (!ignoreLimit && this.inFlight.size >= this.maxInFlight)) return;
    const batch = this.pending.splice(0, this.options.maxSize);
    const flight = this.writeSettling(batch);
    this.inFlight.add(flight);
    void flight.finally(() => {
      this.inFlight.delete(flight);
      if (this.pending.length > 0 && this.inFlight.size < this.maxInFlight) this.flush();
    });
    if (this.pending.length >= this.options.maxSize) this.flush(ignoreLimit);
    else if (this.pending.length > 0) this.timer ??= setTimeout(() => this.flush(), this.options.lingerMs);
  }

  /** Writes the batch and settles every entry's promise; never rejects. */
  private async writeSettling(batch: Pending<T, R>[]): Promise<void> {
    try {
      const results = await this.write(batch.map((entry) => entry.item));
      batch.forEach((entry, index) => entry.resolve(results[index] as R));
    } catch (error) {
      if (batch.length > 1 && this.options.isolate?.(error)) {
        const middle = Math.ceil(batch.length / 2);
        await this.writeSettling(batch.slice(0, middle));
        await this.writeSettling(batch.slice(middle));
        return;
      }
      batch.forEach((entry) => entry.reject(error));
    }
  }
}
