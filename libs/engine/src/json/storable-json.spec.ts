import { describeProblem, escapeUnstorable, escapeUnstorableJson, findUnstorable } from './storable-json';

describe('findUnstorable', () => {
  it('accepts ordinary JSON, including paired surrogates (emoji)', () => {
    expect(findUnstorable({ a: [1, 'x', null, true, { b: '😀 ok' }] }, 'output')).toBeUndefined();
  });

  it('names the field holding a NUL character', () => {
    const problem = findUnstorable({ result: 'a\u0000b' }, 'output');
    expect(problem && describeProblem(problem)).toBe(
      'output.result contains a NUL character (\\u0000), which PostgreSQL cannot store',
    );
  });

  it('names array items and lone surrogates, high or low', () => {
    expect(findUnstorable({ list: ['ok', '\udfff'] }, 'input')?.path).toBe('input.list[1]');
    expect(findUnstorable('x\ud800', 'input')?.reason).toMatch(/lone UTF-16 surrogate/);
  });

  it('finds a NUL in a key without repeating it in the path', () => {
    const problem = findUnstorable({ 'a\u0000': 1 }, 'output')!;
    expect(problem.path).toBe('output.a?');
    expect(problem.path.includes('\u0000')).toBe(false);
  });

  it('stops once the size passes the limit', () => {
    expect(findUnstorable({ s: 'x'.repeat(100) }, 'output', 50)?.reason).toBe('is larger than the limit of 50 bytes');
    expect(findUnstorable({ s: 'x'.repeat(10) }, 'output', 50)).toBeUndefined();
  });

  it('walks deep values without recursion', () => {
    let deep: unknown = 'a\u0000';
    for (let level = 0; level < 100_000; level += 1) deep = [deep];
    expect(findUnstorable(deep, 'output')?.reason).toMatch(/NUL/);
  });
});

describe('escapeUnstorable', () => {
  it('escapes NUL and lone surrogates and keeps the rest', () => {
    expect(escapeUnstorable('a\u0000b\udfff😀')).toBe('a\\u0000b\\udfff😀');
    expect(escapeUnstorableJson({ 'k\u0000': ['\u0000'] })).toEqual({ 'k\\u0000': ['\\u0000'] });
  });
});
