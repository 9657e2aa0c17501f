import { evaluateForEach } from './evaluate-for-each';
import { TemplateError } from './template-error';
import type { TemplateScope } from './template-scope';

const scope: TemplateScope = {
  run: { id: 'r', input: {} },
  tasks: {
    items: {
      output: { list: ['a', 'b'], one: [{ sku: 'x' }], many: [{ sku: 'x' }, { sku: 'y' }], count: 2, none: null },
    },
  },
};

describe('evaluateForEach', () => {
  it('returns the array from the template form or a bare expression', async () => {
    expect(await evaluateForEach('{{ tasks.items.output.list }}', scope)).toEqual(['a', 'b']);
    expect(await evaluateForEach('tasks.items.output.list', scope)).toEqual(['a', 'b']);
  });

  it('keeps a one-element array as an array', async () => {
    expect(await evaluateForEach('{{ tasks.items.output.one }}', scope)).toEqual([{ sku: 'x' }]);
  });

  it('turns a JSONata sequence into a plain array', async () => {
    const skus = await evaluateForEach('tasks.items.output.many.sku', scope);
    expect(skus).toEqual(['x', 'y']);
    expect(Object.keys(skus)).toEqual(['0', '1']);
    expect(await evaluateForEach('tasks.items.output.one.sku[]', scope)).toEqual(['x']);
    expect(await evaluateForEach('[1..3]', scope)).toEqual([1, 2, 3]);
  });

  it('fans out to nothing when the expression selects nothing or null', async () => {
    expect(await evaluateForEach('tasks.items.output.missing', scope)).toEqual([]);
    expect(await evaluateForEach('tasks.items.output.none', scope)).toEqual([]);
  });

  it('refuses a non-array result, saying what it got', async () => {
    await expect(evaluateForEach('tasks.items.output.count', scope)).rejects.toThrow(
      /must produce an array but produced number/,
    );
    await expect(evaluateForEach('tasks.items.output.one.sku', scope)).rejects.toThrow(/produced string.*append \[\]/);
    await expect(evaluateForEach('tasks.items.output.count', scope)).rejects.toBeInstanceOf(TemplateError);
  });
});
