import jsonata from 'jsonata';
import { Re2RegExp, UnsupportedRegexError } from './re2-regexp';

describe('Re2RegExp', () => {
  it('execs like a global RegExp: groups, index, lastIndex advancing, then null and a reset', () => {
    const re = new Re2RegExp(/(\d+)-(x)?/g);
    const first = re.exec('a 12- b 3-x');
    expect([...first!]).toEqual(['12-', '12', undefined]);
    expect(first!.index).toBe(2);
    expect(re.lastIndex).toBe(5);
    const second = re.exec('a 12- b 3-x');
    expect([...second!]).toEqual(['3-x', '3', 'x']);
    expect(re.exec('a 12- b 3-x')).toBeNull();
    expect(re.lastIndex).toBe(0);
  });

  it('counts indices in UTF-16 code units, as RegExp does', () => {
    const re = new Re2RegExp('b+', 'g');
    expect(re.exec('😀😀abbb')!.index).toBe('😀😀abbb'.search(/b+/));
  });

  it('honours the i, m and s flags', () => {
    expect(new Re2RegExp('^abc$', 'im').test('x\nABC\ny')).toBe(true);
    expect(new Re2RegExp('a.b', 's').test('a\nb')).toBe(true);
    expect(new Re2RegExp('a.b').test('a\nb')).toBe(false);
  });

  it('refuses backreferences and lookaround with a message naming the pattern', () => {
    expect(() => new Re2RegExp('(a)\\1')).toThrow(UnsupportedRegexError);
    expect(() => new Re2RegExp('a(?!b)')).toThrow(/\/a\(\?!b\)\/ is not supported/);
    expect(() => new Re2RegExp('(?<=a)b')).toThrow(/lookahead or lookbehind/);
  });

  it('answers catastrophic-backtracking patterns without backtracking', () => {
    const hostile = `${'a'.repeat(5_000)}!`;
    expect(new Re2RegExp('^(a|a)*$').test(hostile)).toBe(false);
    expect(new Re2RegExp('^(a+)+$').test(hostile)).toBe(false);
  });

  it("serves as JSONata's RegexEngine with the results of the host's RegExp", async () => {
    const input = { s: 'ab a AB-b' };
    for (const text of ['$match(s, /a(b)?/i)', '$replace(s, /b/, "c")', '$split(s, /[ -]/)', '$contains(s, /B-/)']) {
      const re2 = jsonata(text, { RegexEngine: Re2RegExp as unknown as RegExpConstructor });
      expect(await re2.evaluate(input)).toEqual(await jsonata(text).evaluate(input));
    }
  });
});
