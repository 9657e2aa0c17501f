import { newRowId } from './row-id';

describe('newRowId', () => {
  it('gives distinct version 7 ids in the order they were made, so key indexes grow at their right edge', () => {
    const ids = Array.from({ length: 1000 }, () => newRowId());
    for (const id of ids) expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual(ids);
  });
});
