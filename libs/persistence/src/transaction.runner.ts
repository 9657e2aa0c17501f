import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { execute, type Db } from './sql';

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

/**
 * Runs a unit of work in one transaction. Concurrent completions lock
 * overlapping child and run rows, so an occasional deadlock is expected
 * under load; the whole unit is retried, which is safe because every write
 * in it is conditional on the state it read.
 */
@Injectable()
export class TransactionRunner {
  private readonly settings = new Map<string, { text: string; params: string[] }>();

  constructor(private readonly dataSource: DataSource) {}

  async run<T>(work: (db: Db) => Promise<T>, options: UnitOptions = {}): Promise<T> {
    const settings = this.settingsOf(options);
    const unit = async (db: Db) => {
      await execute(db, settings.text, settings.params);
      return work(db);
    };
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

  /** All of a unit's settings in one statement, one round trip; the same options always make the same text. */
  private settingsOf(options: UnitOptions): { text: string; params: string[] } {
    const values: Record<string, string> = {
      ...KEYED_PLANNING,
      ...options.planner,
      ...(options.waitForFlush === false ? { synchronous_commit: 'off' } : {}),
    };
    const names = Object.keys(values).sort();
    const key = names.map((name) => `${name}=${values[name]}`).join(',');
    let statement = this.settings.get(key);
    if (!statement) {
      statement = {
        text: `SELECT ${names.map((_, i) => `set_config($${2 * i + 1}, $${2 * i + 2}, true)`).join(', ')}`,
        params: names.flatMap((name) => [name, values[name]!]),
      };
      this.settings.set(key, statement);
    }
    return statement;
  }
}
