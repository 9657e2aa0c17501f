import { ValidationError } from '@taskloom/orchestrator';
import { z } from 'zod';

/**
 * List cursors are opaque to clients: base64url of a JSON array holding
 * the last item's sort key exactly as the database ordered it (timestamps
 * as PostgreSQL's microsecond text, never a rounded JS Date), so the next
 * page continues strictly after it. A cursor is checked against the shape
 * its list expects; anything else is a 400 naming `cursor`.
 */
export function encodeCursor(key: readonly (string | number)[]): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

export function decodeCursor<T>(cursor: string, shape: z.ZodType<T>): T {
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    decoded = undefined;
  }
  const parsed = shape.safeParse(decoded);
  if (!parsed.success) {
    throw new ValidationError('cursor: not a cursor this list returned', [
      { path: 'cursor', message: 'invalid cursor: pass nextCursor of the previous page as it is' },
    ]);
  }
  return parsed.data;
}

/** PostgreSQL's exact UTC text of a timestamptz, as keyset.ts writes it. */
const EXACT_TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;

/** The cursor of newest-first lists ordered by (created_at, id). */
export const TimeKeyCursor = z
  .tuple([z.string().regex(EXACT_TIMESTAMP), z.guid()])
  .transform(([at, id]) => ({ at, id }));

export function timeKeyCursor(item: { cursorAt: string; id: string }): string {
  return encodeCursor([item.cursorAt, item.id]);
}

/** The `nextCursor` of every paged list. */
export const NextCursorSchema = z
  .string()
  .nullable()
  .describe('Pass as `cursor` for the next page; null on the last page.');

/** The `cursor` query parameter: a cursor is far shorter than this; a longer one cannot be one. */
export const CursorQuerySchema = z.string().max(1024).optional().describe('nextCursor of the previous page');
