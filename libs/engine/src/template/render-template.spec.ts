import { renderTemplate } from './render-template';
import { TemplateError } from './template-error';
import type { TemplateScope } from './template-scope';

const scope: TemplateScope = {
  run: { id: 'run-1', input: { id: 42, url: 'https://shop.test', tags: ['a'] }, tenant: 'acme' },
  tasks: {
    fetch: {
      output: { count: 3, body: { items: [{ sku: 'x1', price: 5 }] }, list: [7], nested: [[1, 2]], none: null },
    },
    'my-task': { output: 'dash', status: 'succeeded' },
    failed: { status: 'failed', error: { message: 'boom' } },
  },
};

describe('renderTemplate', () => {
  it('keeps the type of a whole-value template', async () => {
    const rendered = await renderTemplate(
      {
        count: '{{ tasks.fetch.output.count }}',
        body: '{{ tasks.fetch.output.body }}',
        flag: '{{ tasks.fetch.output.count > 2 }}',
        none: '{{ tasks.fetch.output.none }}',
        padded: '  {{ run.input.id }}  ',
      },
      scope,
    );
    expect(rendered).toEqual({
      count: 3,
      body: { items: [{ sku: 'x1', price: 5 }] },
      flag: true,
      none: null,
      padded: 42,
    });
  });

  it('returns one-element arrays as arrays', async () => {
    expect(await renderTemplate('{{ tasks.fetch.output.list }}', scope)).toEqual([7]);
    expect(await renderTemplate('{{ tasks.fetch.output.nested }}', scope)).toEqual([[1, 2]]);
    expect(await renderTemplate('{{ tasks.fetch.output.body.items }}', scope)).toEqual([{ sku: 'x1', price: 5 }]);
    expect(await renderTemplate('{{ run.input.tags }}', scope)).toEqual(['a']);
    expect(await renderTemplate('{{ tasks.fetch.output.body.items.sku[] }}', scope)).toEqual(['x1']);
  });

  it('turns a missing reference into null for a whole-value template', async () => {
    expect(await renderTemplate('{{ tasks.nope.output }}', scope)).toBeNull();
    expect(await renderTemplate('{{ tasks.fetch.output.missing.deeper }}', scope)).toBeNull();
    expect(await renderTemplate('{{ item }}', scope)).toBeNull();
  });

  it('interpolates templates mixed with text: objects as JSON, missing as empty', async () => {
    expect(await renderTemplate('order-{{ run.input.id }}', scope)).toBe('order-42');
    expect(await renderTemplate('{{ run.input.url }}/items/{{ tasks.fetch.output.count }}', scope)).toBe(
      'https://shop.test/items/3',
    );
    expect(await renderTemplate('list={{ tasks.fetch.output.list }} x={{ tasks.nope }}.', scope)).toBe('list=[7] x=.');
    expect(await renderTemplate('b={{ tasks.fetch.output.body.items[0] }}', scope)).toBe('b={"sku":"x1","price":5}');
  });

  it('walks nested objects and arrays, leaving non-template values as they are', async () => {
    const input = { a: [1, '{{ run.id }}', { b: '{{ run.tenant }}', c: null, d: false }], plain: 'no templates' };
    expect(await renderTemplate(input, scope)).toEqual({
      a: [1, 'run-1', { b: 'acme', c: null, d: false }],
      plain: 'no templates',
    });
    expect(input.a[1]).toBe('{{ run.id }}');
  });

  it('reads task status and error, dashed keys, item and index', async () => {
    const withItem = { ...scope, item: { sku: 'z' }, index: 2 };
    expect(
      await renderTemplate(
        {
          s: '{{ tasks.failed.status }}',
          e: '{{ tasks.failed.error.message }}',
          d: '{{ tasks.`my-task`.output }}',
          i: '{{ item.sku }}#{{ index }}',
        },
        withItem,
      ),
    ).toEqual({ s: 'failed', e: 'boom', d: 'dash', i: 'z#2' });
  });

  it('returns copies that do not alias the scope', async () => {
    const body = (await renderTemplate('{{ tasks.fetch.output.body }}', scope)) as { items: unknown[] };
    body.items.push('mutated');
    expect(scope.tasks.fetch.output).toMatchObject({ body: { items: [{ sku: 'x1', price: 5 }] } });
  });

  it('keeps a "__proto__" key as data', async () => {
    const rendered = (await renderTemplate(JSON.parse('{"__proto__": {"polluted": "{{ run.id }}"}}'), scope)) as object;
    expect(Object.getPrototypeOf(rendered)).toBe(Object.prototype);
    expect(Object.getOwnPropertyDescriptor(rendered, '__proto__')?.value).toEqual({ polluted: 'run-1' });
  });

  it('throws TemplateError with the expression when evaluation fails', async () => {
    await expect(renderTemplate({ a: '{{ tasks.fetch.output.count + "x" }}' }, scope)).rejects.toMatchObject({
      name: 'TemplateError',
      expression: 'tasks.fetch.output.count + "x"',
      code: 'T2002',
    });
    await expect(renderTemplate('{{ $undefinedFunction(1) }}', scope)).rejects.toThrow(TemplateError);
  });

  it('refuses results that are not JSON', async () => {
    await expect(renderTemplate('{{ function($x) { $x } }}', scope)).rejects.toThrow(/function/);
    await expect(renderTemplate('{{ $string }}', scope)).rejects.toThrow(/function/);
  });

  it('never runs JavaScript: expressions only see the scope', async () => {
    expect(await renderTemplate('{{ tasks.constructor }}', scope)).toBeNull();
    expect(await renderTemplate('{{ run.constructor.constructor }}', scope)).toBeNull();
    // `process` is just a missing field of the scope here, not Node's global.
    expect(await renderTemplate('{{ process.exit(1) }}', scope)).toBeNull();
  });
});
