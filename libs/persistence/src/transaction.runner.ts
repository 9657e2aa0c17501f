import { Injectable } from '@nestjs/common';
import type { PoolClient } from 'pg';
import { DataSource } from 'typeorm';
import type { PostgresQueryRunner } from 'typeorm/driver/postgres/PostgresQueryRunner.js';
import type { Db } from './sql';

const RETRYABLE_CODES = new Set(['40001', '40P01']);
const MAX_TRIES = 5;

/**
 * Every unit of work reads and writes rows by key: a batch of ids joined to
 * the table through an index. The planner only knows that when its
 * statistics are current, and queue tables outrun them (a table analyzed
 * at 500 rows holds 50,000 a minute later): it then picks a sequential scan
 * and a hash join, which on a busy install cost hundreds of milliseconds
 * per statement while holding row locks. Within these transactions the
 * planner keeps to index lookups and nested loops whatever its statistics
 * say; prepared statements keep those plans.
 */
const KEYED_PLANNING: Readonly<Record<string, string>> = {
  enable_seqscan: 'off',
  enable_hashjoin: 'off',
  enable_mergejoin: 'off',
};

export interface UnitOptions {
  /**
   * `false` commits without waiting for the WAL flush. Only for writes that
   * are safe to lose in a PostgreSQL crash because the system redoes them:
   * a claim that is lost leaves the task 'ready' to be claimed again under
   * the same job id, and a lost start leaves it 'queued' for the attempt's
   * outcome to settle. A later durable commit flushes earlier ones with it.
   */
  waitForFlush?: boolean;
  /** Further planner settings for this transaction only (a statement that needs a particular scan). */
  planner?: Readonly<Record<string, string>>;
}

const SETTING = /^[a-z_]+$/;

/**
 * Runs a unit of work in one transaction. Concurrent completions lock
 * overlapping child and run rows, so an occasional deadlock is expected
 * under load; the whole unit is retried, which is safe because every write
 * in it is conditional on the state it read.
 *
 * The transaction is opened together with its settings in one round trip
 * (TypeORM's own would take two: START TRANSACTION, then the settings):
 * each round trip costs both processes a write and a wake-up, and the hot
 * path opens thousands of these a second.
 */
@Injectable()
export class TransactionRunner {
  private readonly openings = new Map<string, string>();

  constructor(private readonly dataSource: DataSource) {}

  async run<T>(work: (db: Db) => Promise<T>, options: UnitOptions = {}): Promise<T> {
    const opening = this.openingOf(options);
    for (let attempt = 1; ; attempt += 1) {
      try {
        return await this.once(opening, work);
      } catch (error) {
        const code = (error as { code?: string }).code;
        if (attempt >= MAX_TRIES || !code || !RETRYABLE_CODES.has(code)) throw error;
        await new Promise((resolve) => setTimeout(resolve, Math.random() * 10 * attempt));
      }
    }
  }

  private async once<T>(opening: string, work: (db: Db) => Promise<T>): Promise<T> {
    const runner = this.dataSource.createQueryRunner() as PostgresQueryRunner;
    try {
      const client = (await runner.connect()) as PoolClient;
      await client.query(opening);
      // What TypeORM's startTransaction would have recorded: its own writes (save) then add no transaction of their own.
      runner.isTransactionActive = true;
      try {
        const result = await work(runner.manager);
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      }
    } finally {
      runner.isTransactionActive = false;
      await runner.release();
    }
  }

  /** BEGIN and all of a unit's settings as one simple query; the same options always make the same text. */
  private openingOf(options: UnitOptions): string {
    const values: Record<string, string> = {
      ...KEYED_PLANNING,
      ...options.planner,
      ...(options.waitForFlush === false ? { synchronous_commit: 'off' } : {}),
    };
    const names = Object.keys(values).sort();
    const key = names.map((name) => `${name}=${values[name]}`).join(',');
    let opening = this.openings.get(key);
    if (!opening) {
      // Names and values come from this code, never from a request; the check keeps it that way.
      for (const name of names) {
        if (!SETTING.test(name) || !SETTING.test(values[name]!))
          throw new Error(`not a planner setting: ${name}=${values[name]}`);
      }
      opening = ['BEGIN', ...names.map((name) => `SET LOCAL ${name} = ${values[name]}`)].join('; ');
      this.openings.set(key, opening);
    }
    return opening;
  }
}
