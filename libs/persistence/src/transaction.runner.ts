import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Db } from './sql';

const RETRYABLE_CODES = new Set(['40001', '40P01']);
const MAX_TRIES = 5;

/**
 * Runs a unit of work in one transaction. Concurrent completions lock
 * overlapping child and run rows, so an occasional deadlock is expected
 * under load; the whole unit is retried, which is safe because every write
 * in it is conditional on the state it read.
 */
@Injectable()
export class TransactionRunner {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * `waitForFlush: false` commits without waiting for the WAL flush. Only for
   * writes that are safe to lose in a PostgreSQL crash because the system
   * redoes them: a claim that is lost leaves the task 'ready' to be claimed
   * again under the same job id, and a lost start leaves it 'queued' for the
   * reconciler. A later durable commit flushes earlier ones with it.
   */
  async run<T>(work: (db: Db) => Promise<T>, options: { waitForFlush?: boolean } = {}): Promise<T> {
    const unit =
      options.waitForFlush === false
        ? async (db: Db) => {
            await db.query('SET LOCAL synchronous_commit = off');
            return work(db);
          }
        : work;
    for (let attempt = 1; ; attempt += 1) {
      try {
        return await this.dataSource.transaction(unit);
      } catch (error) {
        const code = (error as { code?: string }).code;
        if (attempt >= MAX_TRIES || !code || !RETRYABLE_CODES.has(code)) throw error;
        await new Promise((resolve) => setTimeout(resolve, Math.random() * 10 * attempt));
      }
    }
  }
}
