import { NeedsFullEvaluation, readPathOnly } from './evaluate-expression';
import { isInlineEvaluation } from './inline-evaluation';
import type { TemplateScope } from './template-scope';

describe('isInlineEvaluation', () => {
  it('is true when every expression is a plain path', () => {
    expect(
      isInlineEvaluation({
        when: 'tasks.a.output.ok',
        forEach: '{{ tasks.a.output.list }}',
        input: { id: '{{ run.input.id }}', text: 'order {{ item.sku }} of {{ run.input.who }}', n: 3 },
        affinity: '{{ run.input.tenant }}',
      }),
    ).toBe(true);
    expect(isInlineEvaluation({ input: { plain: 'no template' } })).toBe(true);
  });

  it('is false for anything that runs JSONata, or does not parse', () => {
    expect(isInlineEvaluation({ input: { n: '{{ run.input.n + 1 }}' } })).toBe(false);
    expect(isInlineEvaluation({ when: '$match(run.input.s, /a+/)', input: {} })).toBe(false);
    expect(isInlineEvaluation({ forEach: '[1..200]', input: {} })).toBe(false);
    expect(isInlineEvaluation({ input: ['{{ run.input.items[0] }}'] })).toBe(false);
    expect(isInlineEvaluation({ input: '{{ ) }}' })).toBe(false);
  });
});

describe('readPathOnly', () => {
  const scope: TemplateScope = { run: { id: 'r', input: { who: { name: 'Ada' }, list: [1, 2, 3] } }, tasks: {} };

  it('reads a path down plain objects', async () => {
    await expect(readPathOnly('run.input.who.name', scope)).resolves.toBe('Ada');
    await expect(readPathOnly('run.input.who', scope)).resolves.toEqual({ name: 'Ada' });
  });

  it('declines what JSONata would have to evaluate: arrays, missing steps, other expressions', async () => {
    await expect(readPathOnly('run.input.list', scope)).rejects.toBeInstanceOf(NeedsFullEvaluation);
    await expect(readPathOnly('run.input.missing', scope)).rejects.toBeInstanceOf(NeedsFullEvaluation);
    await expect(readPathOnly('run.input.who.name & "!"', scope)).rejects.toBeInstanceOf(NeedsFullEvaluation);
  });
});
