import type { EntityManager } from 'typeorm';

export type Db = EntityManager;

/**
 * TypeORM answers UPDATE/DELETE with `[rows, rowCount]` and everything else
 * with `rows`; callers only ever want the rows.
 */
export async function queryRows<T>(db: Db, text: string, params: unknown[] = []): Promise<T[]> {
  const result: unknown = await db.query(text, params);
  if (Array.isArray(result) && result.length === 2 && Array.isArray(result[0]) && typeof result[1] === 'number') {
    return result[0] as T[];
  }
  return result as T[];
}

/** jsonb[] parameters travel as JSON text; NULL stays NULL. */
export function jsonArray(values: readonly unknown[]): (string | null)[] {
  return values.map((value) => (value === undefined || value === null ? null : JSON.stringify(value)));
}
