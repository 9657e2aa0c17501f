import { expressionReferences } from './expression-references';
import { TemplateError } from './template-error';
import { templateReferences } from './template-references';

const none = { tasks: [], readsAllTasks: false, usesItem: false, usesRunInput: false };

describe('expressionReferences', () => {
  it.each([
    ['tasks.fetch.output.body', ['fetch']],
    ['tasks.`my-task`.output', ['my-task']],
    ['$$.tasks.a.output', ['a']],
    ['$.tasks.a.output', ['a']],
    ['tasks.a.output.count > 0 and tasks.b.status = "succeeded"', ['a', 'b']],
    ['$count(tasks.a.output.list) + $sum(tasks.b.output.list.price)', ['a', 'b']],
    ['{ "x": tasks.a.output, "y": [tasks.b.output, tasks.a.output] }', ['a', 'b']],
    ['tasks.a.output ? tasks.b.output : tasks.c.output', ['a', 'b', 'c']],
    ['($x := tasks.a.output; $x.y)', ['a']],
    ['$map(tasks.a.output.list, function($v) { $v * tasks.b.output.factor })', ['a', 'b']],
    ['tasks.a.output.list[price > $$.tasks.b.output.min]', ['a', 'b']],
  ])('%s reads %j', (expression, tasks) => {
    expect(expressionReferences(expression)).toEqual({ ...none, tasks });
  });

  it('ignores names that are relative to something other than the scope', () => {
    // `tasks` inside a predicate is a field of each list element, not the task map.
    expect(expressionReferences('tasks.a.output.list[tasks > 1].tasks.b')).toEqual({ ...none, tasks: ['a'] });
    expect(expressionReferences('tasks.a.output.list[$ > 1]')).toEqual({ ...none, tasks: ['a'] });
    expect(expressionReferences('"tasks.b.output" & tasks.a.output')).toEqual({ ...none, tasks: ['a'] });
  });

  it('flags reads of tasks it cannot name', () => {
    for (const expression of [
      'tasks',
      'tasks.*.output',
      '$keys(tasks)',
      '$lookup(tasks, "a")',
      'tasks.$keys()',
      'tasks[0]',
    ]) {
      expect(expressionReferences(expression).readsAllTasks).toBe(true);
    }
    expect(expressionReferences('$$')).toMatchObject({ readsAllTasks: true, usesRunInput: true });
    expect(expressionReferences('**.output').readsAllTasks).toBe(true);
  });

  it('reports item, index and run input use', () => {
    expect(expressionReferences('item.sku')).toEqual({ ...none, usesItem: true });
    expect(expressionReferences('index + 1')).toEqual({ ...none, usesItem: true });
    expect(expressionReferences('$$.item')).toEqual({ ...none, usesItem: true });
    expect(expressionReferences('run.input.url')).toEqual({ ...none, usesRunInput: true });
    expect(expressionReferences('tasks.a.output.items[item = 1]')).toEqual({ ...none, tasks: ['a'] });
  });

  it('throws TemplateError naming the expression when it does not parse', () => {
    expect(() => expressionReferences('tasks.a.')).toThrow(TemplateError);
    try {
      expressionReferences('tasks.a.(');
    } catch (error) {
      expect(error).toMatchObject({ expression: 'tasks.a.(', code: expect.stringMatching(/^S0/) });
      expect((error as Error).message).toContain('"tasks.a.("');
    }
    expect.assertions(3);
  });
});

describe('templateReferences', () => {
  it('merges the references of every template in a JSON value', () => {
    const input = {
      url: '{{ run.input.url }}/items/{{ tasks.items.output.id }}',
      nested: [{ sku: '{{ item.sku }}' }, 'plain text', 42, null],
      price: '{{ tasks.price.output }}',
    };
    expect(templateReferences(input)).toEqual({
      tasks: ['items', 'price'],
      readsAllTasks: false,
      usesItem: true,
      usesRunInput: true,
    });
  });

  it('finds nothing in strings without templates', () => {
    expect(templateReferences('tasks.a.output')).toEqual(none);
    expect(templateReferences({ a: [1, true] })).toEqual(none);
  });

  it('throws TemplateError for a template that does not parse', () => {
    expect(() => templateReferences({ a: ['{{ tasks.a. }}'] })).toThrow(TemplateError);
  });
});
