/**
 * Keyset pagination helpers. A cursor must carry the sort key exactly:
 * PostgreSQL keeps timestamps in microseconds and a JS Date only in
 * milliseconds, so timestamps go to the API as text PostgreSQL wrote and
 * come back as text PostgreSQL parses.
 */

/** The column as UTC ISO 8601 text with all six fractional digits. */
export function exactTimestamp(column: string): string {
  return `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;
}

/** Where a page of newest-first rows continues: after this (created_at, id). */
export interface TimeKey {
  at: string;
  id: string;
}

/** A page read with one row more than asked, so the caller knows whether another page follows. */
export interface Page<T> {
  items: T[];
  more: boolean;
}

export function pageOf<T>(rows: T[], limit: number): Page<T> {
  return { items: rows.slice(0, limit), more: rows.length > limit };
}
