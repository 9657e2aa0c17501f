import { findNestedRepetition } from './regex-guard';

describe('findNestedRepetition', () => {
  it.each(['(a+)+$', '(a*)*b', '(x+x+)+y', '((ab)*c)*', '(\\d+){2,}', '(?:a|b+)*', '(a{1,5}){1,9}'])(
    'refuses %s',
    (pattern) => {
      expect(findNestedRepetition(pattern)).toBeDefined();
    },
  );

  it.each([
    '^a+b*$',
    '(ab)+',
    '(a+)?',
    '[(+)]+',
    '\\(a+\\)+',
    'colou?r',
    '(a{1})+',
    '^[a-z0-9._-]+@[a-z]+\\.[a-z]{2,}$',
  ])('accepts %s', (pattern) => {
    expect(findNestedRepetition(pattern)).toBeUndefined();
  });

  it('names the offending part', () => {
    expect(findNestedRepetition('^x(a+)+$')).toBe('(a+)+');
  });
});
