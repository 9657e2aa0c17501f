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

  it('refuses regular expressions that can backtrack catastrophically', () => {
    expect(() => parseExpression('$match(run.input.text, /(a+)+$/)')).toThrow(/backtrack catastrophically/);
    expect(() => parseExpression('$match(run.input.text, /a+$/)')).not.toThrow();
  });
});

describe('evaluation guards', () => {
  it('stops an infinite loop with a timeout error', async () => {
    const started = Date.now();
    const loop = '($f := function($x) { $x > 0 ? $f($x) : 0 }; $f(1))';
    await expect(evaluateExpression(loop, scope)).rejects.toMatchObject({ name: 'TemplateError', code: 'D1012' });
    expect(Date.now() - started).toBeLessThan(3_000);
  });

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
