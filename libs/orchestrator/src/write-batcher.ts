import { Batcher, type BatcherOptions } from '@taskloom/sdk';

export interface WriteBatchingOptions extends BatcherOptions {
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
 * Writes items submitted by concurrent callers together, gathered by the
 * SDK's Batcher. Each caller's promise settles with the outcome of the
 * write its item went out in, so a caller still learns whether its write
 * landed.
 */
export class WriteBatcher<T, R = void> {
  private readonly batcher: Batcher<Pending<T, R>>;

  constructor(
    private readonly write: (items: T[]) => Promise<R[]>,
    private readonly options: WriteBatchingOptions,
  ) {
    this.batcher = new Batcher(options, (batch) => this.writeSettling(batch));
  }

  submit(item: T): Promise<R> {
    return new Promise<R>((resolve, reject) => this.batcher.add({ item, resolve, reject }));
  }

  /** Writes everything waiting now, whatever is in flight; resolves once every write started so far has finished. */
  drain(): Promise<void> {
    return this.batcher.sendAll();
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
