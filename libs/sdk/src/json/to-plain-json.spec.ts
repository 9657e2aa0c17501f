import { toPlainJson } from './to-plain-json';

const refuse = (problem: string) => new Error(`expression "x" ${problem}`);

describe('toPlainJson', () => {
  it('keeps JSON scalars and copies arrays and objects', () => {
    const input = { a: [1, 'two', true, null], b: { c: 3 } };
    const copy = toPlainJson(input, refuse);
    expect(copy).toEqual(input);
    expect(copy).not.toBe(input);
    expect((copy as { b: unknown }).b).not.toBe(input.b);
  });

  it('turns a JSONata-like sequence (an array with extra properties) into a plain array', () => {
    const sequence = Object.assign([1, 2], { sequence: true, keepSingleton: false });
    const copy = toPlainJson(sequence, refuse);
    expect(copy).toEqual([1, 2]);
    expect(Object.keys(copy as object)).toEqual(['0', '1']);
  });

  it('drops undefined members from objects and writes null for them in arrays', () => {
    expect(toPlainJson({ a: undefined, b: 1 }, refuse)).toEqual({ b: 1 });
    expect(toPlainJson([undefined, 1], refuse)).toEqual([null, 1]);
    expect(toPlainJson(undefined, refuse)).toBeUndefined();
  });

  it('keeps a "__proto__" key as data', () => {
    const copy = toPlainJson(JSON.parse('{"__proto__": {"polluted": true}}'), refuse) as object;
    expect(Object.getPrototypeOf(copy)).toBe(Object.prototype);
    expect(Object.keys(copy)).toEqual(['__proto__']);
  });

  it('refuses what JSON cannot hold, in the caller’s words', () => {
    expect(() => toPlainJson(Number.NaN, refuse)).toThrow('expression "x" produced NaN, which JSON cannot hold');
    expect(() => toPlainJson([Infinity], refuse)).toThrow('produced Infinity, which JSON cannot hold');
    expect(() => toPlainJson({ f: () => 1 }, refuse)).toThrow('produced a function, not a JSON value');
    expect(() => toPlainJson({ _jsonata_lambda: true }, refuse)).toThrow('produced a function, not a JSON value');
    expect(() => toPlainJson(10n, refuse)).toThrow('produced a bigint, not a JSON value');
  });
});
