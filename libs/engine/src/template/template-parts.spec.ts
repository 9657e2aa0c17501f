import { TemplateError } from './template-error';
import { splitTemplate, wholeTemplateExpression } from './template-parts';

describe('splitTemplate', () => {
  it('splits text and trimmed expressions', () => {
    expect(splitTemplate('order-{{ run.input.id }}/{{tasks.a.output}}!')).toEqual([
      { kind: 'text', text: 'order-' },
      { kind: 'expression', expression: 'run.input.id' },
      { kind: 'text', text: '/' },
      { kind: 'expression', expression: 'tasks.a.output' },
      { kind: 'text', text: '!' },
    ]);
  });

  it('does not end an expression at braces of an object constructor or inside quotes', () => {
    expect(splitTemplate('{{ {"a": {"b": 1}} }}')).toEqual([{ kind: 'expression', expression: '{"a": {"b": 1}}' }]);
    expect(splitTemplate('{{ "}}" & \'}}\' & `}}` }}')).toEqual([
      { kind: 'expression', expression: '"}}" & \'}}\' & `}}`' },
    ]);
    expect(splitTemplate('{{ "a\\"}}" }}')).toEqual([{ kind: 'expression', expression: '"a\\"}}"' }]);
    expect(splitTemplate('{{ 1 /* }} */ }}')).toEqual([{ kind: 'expression', expression: '1 /* }} */' }]);
  });

  it('refuses an unterminated or empty template', () => {
    expect(() => splitTemplate('a {{ run.input')).toThrow(TemplateError);
    expect(() => splitTemplate('a {{ run.input')).toThrow(/Unterminated/);
    expect(() => splitTemplate('{{   }}')).toThrow(/Empty template/);
  });

  it('leaves text without templates alone, including stray closing braces', () => {
    expect(splitTemplate('plain }} text')).toEqual([{ kind: 'text', text: 'plain }} text' }]);
  });
});

describe('wholeTemplateExpression', () => {
  it('recognises a string that is exactly one template, whitespace around allowed', () => {
    expect(wholeTemplateExpression(splitTemplate('  {{ tasks.a.output }}\n'))).toBe('tasks.a.output');
  });

  it('rejects mixed text and several templates', () => {
    expect(wholeTemplateExpression(splitTemplate('x{{ a }}'))).toBeUndefined();
    expect(wholeTemplateExpression(splitTemplate('{{ a }}{{ b }}'))).toBeUndefined();
  });
});
