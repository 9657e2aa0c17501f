import { evaluateCondition } from './evaluate-condition';
import { TemplateError } from './template-error';
import type { TemplateScope } from './template-scope';

const scope: TemplateScope = {
  run: { id: 'r', input: { enabled: true, mode: '' } },
  tasks: { items: { output: { count: 2, list: [], some: [0, 3], empty: {}, obj: { a: 1 }, zero: 0 } } },
};

describe('evaluateCondition', () => {
  it('evaluates a bare expression', async () => {
    expect(await evaluateCondition('tasks.items.output.count > 0', scope)).toBe(true);
    expect(await evaluateCondition('tasks.items.output.count > 5', scope)).toBe(false);
  });

  it('accepts the expression wrapped in {{ }}', async () => {
    expect(await evaluateCondition('{{ tasks.items.output.count = 2 }}', scope)).toBe(true);
    expect(await evaluateCondition('  {{ run.input.enabled }} ', scope)).toBe(true);
  });

  it.each([
    ['tasks.items.output.list', false],
    ['tasks.items.output.some', true],
    ['tasks.items.output.empty', false],
    ['tasks.items.output.obj', true],
    ['tasks.items.output.zero', false],
    ['run.input.mode', false],
    ['"text"', true],
    ['null', false],
    ['tasks.nothing.here', false],
  ])('casts %s with JSONata boolean semantics to %s', async (expression, expected) => {
    expect(await evaluateCondition(expression, scope)).toBe(expected);
  });

  it('refuses text mixing templates and throws TemplateError on bad expressions', async () => {
    await expect(evaluateCondition('{{ a }} and {{ b }}', scope)).rejects.toThrow(/one expression/);
    await expect(evaluateCondition('tasks.items.output.count >', scope)).rejects.toThrow(TemplateError);
    await expect(evaluateCondition('   ', scope)).rejects.toThrow(TemplateError);
  });
});
