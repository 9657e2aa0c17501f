import { Injectable } from '@nestjs/common';
import type { QueryResult, QueryResultRow } from 'pg';
import { DatabasePool } from './database-pool';
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
 *
 * JIT is off with them: PostgreSQL disables a plan node by adding 1e10 to
 * its cost, so a statement that cannot avoid one (a sort under enable_sort
 * off, a scan of a table with no usable index) costs far more than
 * jit_above_cost, and is compiled with LLVM, inlined and optimised, on every
 * execution: seconds of CPU for a statement that runs in a millisecond.
 *
 * Each prepared statement is planned once per connection (the generic plan)
 * instead of at every execution. Left to itself, PostgreSQL's plan cache
 * keeps re-planning the batch statements forever: a custom plan sees the
 * arrays' length and so always looks cheaper than the generic plan, which
 * assumes a hundred rows per unnest. Planning then cost more than running
 * a batch of a few rows (ADR 0035). A generic plan cannot prove a partial
 * index's predicate from a parameter, which is why the statements spell
 * their statuses as literals.
 */
const KEYED_PLANNING: Readonly<Record<string, string>> = {
  enable_seqscan: 'off',
  enable_hashjoin: 'off',
  enable_mergejoin: 'off',
  jit: 'off',
  plan_cache_mode: 'force_generic_plan',
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
 * A read sent in the same round trip as the unit's opening: fixed SQL
 * without parameters (it travels in the opening's simple query, unprepared),
 * for a cheap question whose answer decides which statements the unit needs.
 */
export interface OpeningRead<R> {
  sql: string;
  parse(rows: QueryResultRow[]): R;
}

const SETTING = /^[a-z_]+$/;

/**
 * Runs a unit of work in one transaction. Concurrent completions lock
 * overlapping child and run rows, so an occasional deadlock is expected
 * under load; the whole unit is retried, which is safe because every write
 * in it is conditional on the state it read.
 *
 * The transaction is opened together with its settings in one round trip
 * (BEGIN and every SET LOCAL as one simple query): each round trip costs
 * both processes a write and a wake-up, and the hot path opens thousands
 * of these a second.
 */
@Injectable()
export class TransactionRunner {
  private readonly openings = new Map<string, string>();

  constructor(private readonly database: DatabasePool) {}

  async run<T>(work: (db: Db) => Promise<T>, options: UnitOptions = {}): Promise<T> {
    return this.retrying(this.openingOf(options), work);
  }

  /** run, with `read` answered as the transaction opens (no round trip of its own) and handed to the work. */
  async runOpenedWith<R, T>(
    read: OpeningRead<R>,
    work: (db: Db, answer: R) => Promise<T>,
    options: UnitOptions = {},
  ): Promise<T> {
    return this.retrying(`${this.openingOf(options)}; ${read.sql}`, work, read);
  }

  private async retrying<R, T>(
    opening: string,
    work: (db: Db, answer: R) => Promise<T>,
    read?: OpeningRead<R>,
  ): Promise<T> {
    for (let attempt = 1; ; attempt += 1) {
      try {
        return await this.once(opening, work, read);
      } catch (error) {
        const code = (error as { code?: string }).code;
        if (attempt >= MAX_TRIES || !code || !RETRYABLE_CODES.has(code)) throw error;
        await new Promise((resolve) => setTimeout(resolve, Math.random() * 10 * attempt));
      }
    }
  }

  private async once<R, T>(
    opening: string,
    work: (db: Db, answer: R) => Promise<T>,
    read?: OpeningRead<R>,
  ): Promise<T> {
    const client = await this.database.connect();
    let broken: Error | undefined;
    try {
      // A simple query of several statements answers with one result each; the read is the last.
      const opened = (await client.query(opening)) as QueryResult | QueryResult[];
      const answer = read?.parse((Array.isArray(opened) ? opened[opened.length - 1]! : opened).rows) as R;
      const result = await work(client, answer);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      // A connection that cannot even roll back is not given to the next unit of work.
      await client.query('ROLLBACK').catch((rollbackError: Error) => {
        broken = rollbackError;
      });
      throw error;
    } finally {
      client.release(broken);
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
