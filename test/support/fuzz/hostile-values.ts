import fc from 'fast-check';

/** Strings that have broken a JSON API somewhere: NUL and control characters, lone surrogates, odd Unicode, injection-shaped text. */
export const hostileString: fc.Arbitrary<string> = fc.oneof(
  fc.string({ maxLength: 24 }),
  fc.string({ unit: 'binary', maxLength: 24 }),
  fc.constantFrom(
    '',
    '\u0000',
    'a\u0000b',
    '\udfff',
    '\ud800',
    'x\ud83d',
    '\u202e\u0007\u001b[31m',
    '\r\n\t\v\f\b',
    '%00',
    '../../etc/passwd',
    "'; DROP TABLE runs; --",
    '{{ run.input }}',
    '{{ $eval("1") }}',
    '__proto__',
    'constructor',
    'prototype',
    '\uFEFF',
    'tlk_' + 'f'.repeat(32) + '_' + 'f'.repeat(64),
    '00000000-0000-4000-8000-000000000000',
    'ﬁ\u0301\u0308',
  ),
);

/** Numbers at and past every edge: int4, int8, safe integers, floats, negatives. */
export const hostileNumber: fc.Arbitrary<number> = fc.oneof(
  fc.integer(),
  fc.double(),
  fc.constantFrom(
    0,
    -0,
    -1,
    1.5,
    2_147_483_647,
    2_147_483_648,
    -2_147_483_649,
    9_007_199_254_740_991,
    2 ** 53 + 2,
    1e300,
    -1e300,
    5e-324,
    Number.MAX_VALUE,
  ),
);

/** Any JSON value built from hostile leaves, including prototype-pollution keys. */
export const hostileJson: fc.Arbitrary<unknown> = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    hostileString,
    hostileNumber,
    fc.boolean(),
    fc.constant(null),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(fc.oneof(hostileString, fc.constantFrom('__proto__', 'constructor', 'prototype')), tie('value'), {
      maxKeys: 4,
    }),
  ),
})).value;

/** JSONata that is hostile to evaluate or to parse. Run inputs stay short, so backtracking stays bounded. */
export const hostileExpression: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    '$match(run.input.s, /(a|a)*$/)',
    '$match(run.input.s, /(x+x+)+y/)',
    '$pad("", 1000, "x")',
    '$sum([1..1000])',
    '$eval("1+1")',
    'run.input.s ~> $uppercase()',
    '((((((((((1))))))))))',
    '$string(tasks)',
    '$$',
    '**',
    'function($x){$x($x)}(function($x){$x($x)})',
    '$lookup({}, "__proto__")',
    '[1..99999999]',
    ')',
    '"unterminated',
    '/(/',
  ),
  fc.string({ maxLength: 40 }),
);

/** A regex for an inputSchema `pattern`: catastrophic or invalid. */
export const hostilePattern: fc.Arbitrary<string> = fc.constantFrom(
  '^(a|a)*$',
  '^(a+)+$',
  '(x+x+)+y',
  '[',
  '(?<=a)b',
  '\\p{Invalid}',
  '',
);
