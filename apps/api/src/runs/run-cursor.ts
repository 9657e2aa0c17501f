import { ValidationError } from '@taskloom/orchestrator';
import { z } from 'zod';

/** A cursor's parts as encodeCursor writes them; anything else was not returned by this API. */
const CursorPartsSchema = z.object({
  // Years PostgreSQL's timestamptz can hold and JavaScript can print the same way.
  createdAt: z.date().min(new Date('0001-01-01T00:00:00Z')).max(new Date('9999-12-31T23:59:59Z')),
  id: z.uuid(),
});

/** Opaque to clients: the (created_at, id) of the last run on the page, which keyset pagination continues after. */
export function encodeCursor(createdAt: Date, id: string): string {
  return Buffer.from(`${createdAt.toISOString()}|${id}`).toString('base64url');
}

export function decodeCursor(cursor: string): { createdAt: Date; id: string } {
  const [iso, id] = Buffer.from(cursor, 'base64url').toString().split('|');
  const parts = CursorPartsSchema.safeParse({ createdAt: new Date(iso ?? ''), id });
  if (!parts.success) {
    throw new ValidationError('cursor: not a cursor this API returned', [
      { path: 'cursor', message: 'invalid cursor' },
    ]);
  }
  return parts.data;
}
