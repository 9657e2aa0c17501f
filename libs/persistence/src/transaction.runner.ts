import { Injectable } from '@nestjs/common';
import { escapeLiteral, type PoolClient, type QueryResult, type QueryResultRow } from 'pg';
import { DatabasePool } from './database-pool';
import { derivedStatementName, type Db } from './sql';

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

/** The parameter types a one-trip statement may declare; its values travel as literals of them. */
export type TripParameterType = 'int' | 'text[]';

/**
 * The one statement of a unit sent in a single round trip (runInOneTrip):
 * fixed SQL whose values travel as literals of their declared types, in
 * an EXECUTE of the statement prepared on the connection.
 */
export interface TripStatement {
  text: string;
  types: readonly TripParameterType[];
  params: readonly unknown[];
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
    return this.retried(() => this.once(this.openingOf(options), work));
  }

  /** run, with `read` answered as the transaction opens (no round trip of its own) and handed to the work. */
  async runOpenedWith<R, T>(
    read: OpeningRead<R>,
    work: (db: Db, answer: R) => Promise<T>,
    options: UnitOptions = {},
  ): Promise<T> {
    return this.retried(() => this.once(`${this.openingOf(options)}; ${read.sql}`, work, read));
  }

  /**
   * A unit of one statement in one round trip: BEGIN with the unit's
   * settings, `read`, the statement and COMMIT travel as one simple query.
   * node-postgres sends one query at a time, so a unit of separate
   * statements costs a round trip each (ADR 0040). The statement is
   * prepared on the connection by the first unit that sends it there (SQL
   * PREPARE, in the same query) and then only executed, with its values as
   * literals, so it keeps its generic plan like the repositories' statements.
   * A unit that fails closes its connection.
   */
  async runInOneTrip<R, Row extends QueryResultRow>(
    read: OpeningRead<R>,
    statement: TripStatement,
    options: UnitOptions = {},
  ): Promise<{ answer: R; rows: Row[] }> {
    const name = tripStatementName(statement);
    const values = statement.params.map((value, index) => tripLiteral(value, statement.types[index]!));
    const prepare = `PREPARE ${name}(${statement.types.join(', ')}) AS ${statement.text}`;
    const tail = `${read.sql}; EXECUTE ${name}(${values.join(', ')}); COMMIT`;
    return this.retried(() => this.oneTrip<R, Row>(this.openingOf(options), prepare, tail, name, read));
  }

  private async oneTrip<R, Row extends QueryResultRow>(
    opening: string,
    prepare: string,
    tail: string,
    name: string,
    read: OpeningRead<R>,
  ): Promise<{ answer: R; rows: Row[] }> {
    const client = await this.database.connect();
    const prepared = preparedOn(client);
    const preparing = !prepared.has(name);
    let broken: Error | undefined;
    try {
      const answered = (await client.query(preparing ? `${opening}; ${prepare}; ${tail}` : `${opening}; ${tail}`)) as
        QueryResult | QueryResult[];
      const results = Array.isArray(answered) ? answered : [answered];
      if (preparing) prepared.add(name);
      // One result per statement: the read, the EXECUTE and the COMMIT are the last three.
      return {
        answer: read.parse(results[results.length - 3]!.rows),
        rows: results[results.length - 2]!.rows as Row[],
      };
    } catch (error) {
      // Closing the connection rolls its transaction back, and no later unit meets a session whose prepared
      // statements are not known for certain (a PREPARE outlives a rollback).
      broken = error as Error;
      throw error;
    } finally {
      client.release(broken);
    }
  }

  /** Deadlocks and serialisation failures are expected under load; the whole unit is tried again. */
  private async retried<T>(attempt: () => Promise<T>): Promise<T> {
    for (let tries = 1; ; tries += 1) {
      try {
        return await attempt();
      } catch (error) {
        const code = (error as { code?: string }).code;
        if (tries >= MAX_TRIES || !code || !RETRYABLE_CODES.has(code)) throw error;
        await new Promise((resolve) => setTimeout(resolve, Math.random() * 10 * tries));
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

/** The one-trip statements each connection has prepared (SQL PREPARE lasts as long as the session). */
const preparedTrips = new WeakMap<PoolClient, Set<string>>();

function preparedOn(client: PoolClient): Set<string> {
  let names = preparedTrips.get(client);
  if (!names) preparedTrips.set(client, (names = new Set()));
  return names;
}

/** Derived from the text and types, like the repositories' statement names, in a namespace of its own. */
function tripStatementName(statement: TripStatement): string {
  return derivedStatementName('tl_trip_', `${statement.types.join(',')}|${statement.text}`);
}

/** A value as a literal of its declared type; anything else is refused rather than sent. */
function tripLiteral(value: unknown, type: TripParameterType): string {
  if (type === 'int' && Number.isSafeInteger(value)) return String(value);
  if (type === 'text[]' && Array.isArray(value) && value.every((item) => typeof item === 'string')) {
    return `ARRAY[${value.map((item: string) => escapeLiteral(item)).join(', ')}]::text[]`;
  }
  throw new Error(`not a ${type} for a one-trip statement: ${JSON.stringify(value)}`);
}
