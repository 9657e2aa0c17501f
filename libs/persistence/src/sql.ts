import { createHash } from 'node:crypto';
import type { QueryConfig, QueryResult, QueryResultRow } from 'pg';

/**
 * Where a repository sends its statements: the pool (each statement on any
 * free connection) or a transaction's own connection (TransactionRunner).
 * node-postgres's Pool and PoolClient both are one.
 */
export interface Db {
  query<R extends QueryResultRow>(config: QueryConfig): Promise<QueryResult<R>>;
}

const names = new Map<string, string>();

/**
 * A statement name derived from `prefix` and the text, the same wherever
 * and however often it is asked for; hex, so it is also a plain SQL
 * identifier (TransactionRunner's PREPAREd statements).
 */
export function derivedStatementName(prefix: string, text: string): string {
  const key = `${prefix}\0${text}`;
  let name = names.get(key);
  if (!name) {
    name = `${prefix}${createHash('sha1').update(text).digest('hex')}`;
    names.set(key, name);
  }
  return name;
}

/**
 * Every statement the repositories send is prepared once per connection and
 * then only bound and executed: the hot statements are CTEs over arrays
 * whose planning costs PostgreSQL as much as running them, and a busy
 * install sends thousands a second. The name is derived from the text, so
 * the same SQL is one prepared statement wherever it is sent from; the
 * texts are fixed (values always travel as parameters), so their number is
 * bounded.
 */
function statementName(text: string): string {
  return derivedStatementName('tl_', text);
}

function send<T>(db: Db, text: string, params: unknown[]) {
  return db.query<T & object>({ name: statementName(text), text, values: params });
}

export async function queryRows<T>(db: Db, text: string, params: unknown[] = []): Promise<T[]> {
  return (await send<T>(db, text, params)).rows;
}

/** For statements whose answer nobody reads. */
export async function execute(db: Db, text: string, params: unknown[] = []): Promise<void> {
  await send(db, text, params);
}

/** jsonb travels as JSON text; an absent value is SQL NULL. */
export function jsonOrNull(value: unknown): string | null {
  return value === undefined || value === null ? null : JSON.stringify(value);
}

/** jsonb travels as JSON text; an absent value is the JSON `null` (for NOT NULL columns). */
export function jsonOrJsonNull(value: unknown): string {
  return JSON.stringify(value ?? null);
}

/** jsonb[] parameters travel as JSON text; NULL stays NULL. */
export function jsonArray(values: readonly unknown[]): (string | null)[] {
  return values.map(jsonOrNull);
}
