import jsonata from 'jsonata';
import type { AstNode } from './expression-ast';
import { readSimplePath, simplePathOf } from './simple-path';

const names = (expression: string) => simplePathOf(jsonata(expression).ast() as AstNode);

describe('simplePathOf', () => {
  it('takes paths of plain names, backquoted ones included', () => {
    expect(names('run.input.who')).toEqual(['run', 'input', 'who']);
    expect(names('tasks')).toEqual(['tasks']);
    expect(names('run.`input`.`odd name`')).toEqual(['run', 'input', 'odd name']);
  });

  it('refuses anything more than a path of names', () => {
    for (const expression of [
      'run.input.items[0]',
      'run.input.items[price > 1]',
      'run.input.a & "x"',
      '$count(run.input.items)',
      'run.input.*',
      'run.input{ "k": v }',
      'run.input.items.(price)',
      'run.input.items^(price)',
      '"text"',
      '1 + 2',
      'run.input.items[]',
    ]) {
      expect([expression, names(expression)]).toEqual([expression, null]);
    }
  });
});

describe('readSimplePath agrees with JSONata', () => {
  const inputs: Record<string, unknown>[] = [
    { run: { input: { who: 'ada' } } },
    { run: { input: { who: null } } },
    { run: { input: { who: { nested: [1, 2] } } } },
    { run: { input: { who: [1] } } },
    { run: { input: { who: [] } } },
    { run: { input: [{ who: 1 }, { who: 2 }] } },
    { run: { input: 'text' } },
    { run: { input: null } },
    { run: { input: {} } },
    { run: {} },
    { run: { input: { who: 0 } } },
    { run: { input: { who: false } } },
  ];

  it.each(inputs.map((input) => [JSON.stringify(input), input]))('on %s', async (_, input) => {
    const path = ['run', 'input', 'who'];
    const expected: unknown = await jsonata('run.input.who').evaluate(input);
    const read = readSimplePath(input, path);
    if (read) expect(read.value).toEqual(expected);
    else expect(read).toBeUndefined();
  });

  it('answers the common cases itself and leaves arrays, missing keys and odd values to JSONata', () => {
    expect(readSimplePath({ run: { input: { who: 'ada' } } }, ['run', 'input', 'who'])).toEqual({ value: 'ada' });
    expect(readSimplePath({ run: { input: { who: null } } }, ['run', 'input', 'who'])).toEqual({ value: null });
    expect(readSimplePath({ run: { input: { who: [1] } } }, ['run', 'input', 'who'])).toBeUndefined();
    expect(readSimplePath({ run: { input: [{ who: 1 }] } }, ['run', 'input', 'who'])).toBeUndefined();
    expect(readSimplePath({ run: { input: {} } }, ['run', 'input', 'who'])).toBeUndefined();
    expect(readSimplePath({ run: { input: 'text' } }, ['run', 'input', 'who'])).toBeUndefined();
    expect(readSimplePath({ run: { input: {} } }, ['run', 'input', 'constructor'])).toBeUndefined();
  });
});
