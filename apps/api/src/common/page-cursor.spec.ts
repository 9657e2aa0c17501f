import { ValidationError } from '@taskloom/orchestrator';
import { z } from 'zod';
import { decodeCursor, encodeCursor, TimeKeyCursor, timeKeyCursor } from './page-cursor';

const RUN_ID = '0193a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b';

describe('page cursors', () => {
  it('carry a microsecond timestamp and an id back exactly, as URL-safe text', () => {
    const cursor = timeKeyCursor({ cursorAt: '2026-12-05T13:05:57.123456Z', id: RUN_ID });
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeCursor(cursor, TimeKeyCursor)).toEqual({ at: '2026-12-05T13:05:57.123456Z', id: RUN_ID });
  });

  it.each([
    ['not base64 JSON', 'not-a-cursor'],
    ['an empty string', ''],
    ['a millisecond timestamp', encodeCursor(['2026-12-05T13:05:57.123Z', RUN_ID])],
    ['an id that is not a UUID', encodeCursor(['2026-12-05T13:05:57.123456Z', 'x'])],
    ['a SQL fragment as the id', encodeCursor(['2026-12-05T13:05:57.123456Z', "1' OR '1'='1"])],
    ['the old text format', Buffer.from(`2026-12-05T13:05:57.123Z|${RUN_ID}`).toString('base64url')],
    ['extra parts', encodeCursor(['2026-12-05T13:05:57.123456Z', RUN_ID, 'more'])],
  ])('refuses %s with a validation error naming cursor', (_, cursor) => {
    expect(() => decodeCursor(cursor, TimeKeyCursor)).toThrow(ValidationError);
    try {
      decodeCursor(cursor, TimeKeyCursor);
    } catch (error) {
      expect((error as ValidationError).details).toEqual([{ path: 'cursor', message: expect.any(String) }]);
    }
  });

  it('decodes any shape it is given', () => {
    const shape = z.tuple([z.string(), z.string()]);
    expect(decodeCursor(encodeCursor(['orders', 'acme']), shape)).toEqual(['orders', 'acme']);
  });
});
