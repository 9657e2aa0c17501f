import { MAX_EXPRESSION_LENGTH } from '../definition/limits';
import { evaluateExpression } from './evaluate-expression';
import { parseExpression } from './parse-expression';
import { TemplateError } from './template-error';
import type { TemplateScope } from './template-scope';

const scope: TemplateScope = {
  run: { id: 'r', input: { text: 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!' } },
  tasks: {},
};

describe('parseExpression', () => {
  it('caches parsed expressions by their text', () => {
    expect(parseExpression('tasks.a.output + 1')).toBe(parseExpression('tasks.a.output + 1'));
  });

  it('refuses expressions longer than the limit', () => {
    const long = `1${' + 1'.repeat(MAX_EXPRESSION_LENGTH)}`;
    expect(() => parseExpression(long)).toThrow(/limit is 4096/);
    expect(() => parseExpression(long)).toThrow(TemplateError);
  });

  it('refuses regular expressions RE2 cannot run, naming what is missing', () => {
    expect(() => parseExpression('$match(run.input.text, /(a)\\1/)')).toThrow(/not supported.*no backreferences/);
    expect(() => parseExpression('$match(run.input.text, /a(?=b)/)')).toThrow(TemplateError);
    expect(() => parseExpression('$match(run.input.text, /(a+)+$/)')).not.toThrow();
  });

  it('matches nested and overlapping repetition in linear time', async () => {
    await expect(evaluateExpression('$match(run.input.text, /(a|a)*$/).match', scope)).resolves.toBe('');
    await expect(evaluateExpression('$contains(run.input.text, /^(a+)+$/)', scope)).resolves.toBe(false);
  });

  it('keeps JSONata regex semantics: groups, flags, every match, replace and split', async () => {
    const local: TemplateScope = { run: { id: 'r', input: { s: 'Ab1 ab22 AB333' } }, tasks: {} };
    await expect(evaluateExpression('$match(run.input.s, /a(b)(\\d+)/i).groups', local)).resolves.toEqual([
      'b',
      '1',
      'b',
      '22',
      'B',
      '333',
    ]);
    await expect(evaluateExpression('$replace(run.input.s, /\\d+/, "#")', local)).resolves.toBe('Ab# ab# AB#');
    await expect(evaluateExpression('$split(run.input.s, / /)', local)).resolves.toEqual(['Ab1', 'ab22', 'AB333']);
  });
});

describe('evaluation guards', () => {
  it('stops an infinite loop with a timeout error', async () => {
    const started = Date.now();
    const loop = '($f := function($x) { $x > 0 ? $f($x) : 0 }; $f(1))';
    await expect(evaluateExpression(loop, scope)).rejects.toMatchObject({ name: 'TemplateError', code: 'D1012' });
    // The loop never ends by itself: stopped this soon, it was the 1 s budget that stopped it.
    expect(Date.now() - started).toBeLessThan(10_000);
  }, 30_000);

  it('stops runaway recursion', async () => {
    const recursion = '($f := function($x) { 1 + $f($x + 1) }; $f(1))';
    await expect(evaluateExpression(recursion, scope)).rejects.toMatchObject({
      code: expect.stringMatching(/D1011|D1012/),
    });
  });

  it('stops sequences that would exhaust memory', async () => {
    await expect(evaluateExpression('$count([1..10000000].($ * 2))', scope)).rejects.toMatchObject({
      code: expect.stringMatching(/D2015|D1012/),
    });
  });
});
