import { readFileSync } from 'node:fs';
import path from 'node:path';
import { validateDefinition } from '@taskloom/engine';
import { defineTask, z } from '@taskloom/sdk';
import Ajv from 'ajv';
import { defineWorkflow, expr, isWorkflowBuilder, tmpl } from '../index';

const fetchOrders = defineTask({
  type: 'shop.fetch-orders',
  description: 'd',
  input: z.object({ url: z.string(), pageSize: z.number().default(50) }),
  output: z.object({ orders: z.array(z.object({ sku: z.string(), qty: z.number() })), total: z.number() }),
  run: () => ({ orders: [], total: 0 }),
});
const priceLine = defineTask({
  type: 'shop.price-line',
  description: 'd',
  input: z.object({ sku: z.string(), qty: z.number(), note: z.string().optional() }),
  output: z.object({ cents: z.number() }),
  run: () => ({ cents: 0 }),
});
const notify = defineTask({
  type: 'shop.notify',
  description: 'd',
  input: z.object({ text: z.string() }),
  output: z.object({}),
  run: () => ({}),
});

const shop = defineWorkflow({
  name: 'shop-pricing',
  description: 'prices every order line',
  inputSchema: z.object({ shopUrl: z.string() }),
  defaults: { priority: 'high' },
})
  .task('fetch-orders', { type: fetchOrders, input: ({ run }) => ({ url: tmpl`${run.input.shopUrl}/orders` }) })
  .forEach('price', {
    type: priceLine,
    dependsOn: ['fetch-orders'],
    items: ({ tasks }) => tasks['fetch-orders'].output.orders,
    input: ({ item, index }) => ({ sku: item.sku, qty: item.qty, note: tmpl`line ${index}` }),
    retry: { maxAttempts: 5 },
  })
  .task('notify', {
    type: notify,
    dependsOn: ['price'],
    trigger: 'all_done',
    when: ({ tasks }) => expr`${tasks['fetch-orders'].output.total} > 0`,
    input: ({ run }) => ({ text: tmpl`priced the orders of run ${run.id}` }),
  })
  .output(({ tasks }) => ({ lines: tasks.price.output, total: tasks['fetch-orders'].output.total }));

const ROOT = path.join(__dirname, '..', '..', '..', '..');

describe('defineWorkflow', () => {
  it('emits exactly the JSON definition the api takes', () => {
    expect(shop.toDefinition()).toEqual({
      name: 'shop-pricing',
      description: 'prices every order line',
      defaults: { priority: 'high' },
      inputSchema: {
        $schema: 'https://json-schema.org/draft/2020-12/schema',
        type: 'object',
        properties: { shopUrl: { type: 'string' } },
        required: ['shopUrl'],
      },
      tasks: [
        { key: 'fetch-orders', type: 'shop.fetch-orders', input: { url: '{{ run.input.shopUrl }}/orders' } },
        {
          key: 'price',
          type: 'shop.price-line',
          dependsOn: ['fetch-orders'],
          forEach: '{{ tasks.`fetch-orders`.output.orders }}',
          input: { sku: '{{ item.sku }}', qty: '{{ item.qty }}', note: 'line {{ index }}' },
          retry: { maxAttempts: 5 },
        },
        {
          key: 'notify',
          type: 'shop.notify',
          dependsOn: ['price'],
          input: { text: 'priced the orders of run {{ run.id }}' },
          when: '{{ tasks.`fetch-orders`.output.total > 0 }}',
          trigger: 'all_done',
        },
      ],
      output: { lines: '{{ tasks.price.output }}', total: '{{ tasks.`fetch-orders`.output.total }}' },
    });
    expect(JSON.parse(JSON.stringify(shop))).toEqual(shop.toDefinition());
    expect(isWorkflowBuilder(shop)).toBe(true);
    expect(isWorkflowBuilder(shop.toDefinition())).toBe(false);
  });

  it("validates against the definition's JSON Schema (the one @taskloom/sdk ships)", () => {
    const schema = JSON.parse(
      readFileSync(path.join(ROOT, 'libs/sdk/schema/workflow-definition.schema.json'), 'utf8'),
    ) as object;
    const validate = new Ajv({ strict: false }).compile(schema);
    expect(validate(shop.toDefinition()) ? [] : validate.errors).toEqual([]);
  });

  it("passes the engine's checks: a DAG, templates that parse and name only ancestors", () => {
    const types = new Set([fetchOrders.type, priceLine.type, notify.type]);
    const plan = validateDefinition(shop.toDefinition(), { isKnownTaskType: (type) => types.has(type) });
    expect(plan.tasks.map((task) => task.key)).toEqual(['fetch-orders', 'price', 'notify']);
  });

  it("writes a sub-workflow task by the child workflow's name, or the reference given", () => {
    const child = defineWorkflow({ name: 'child', inputSchema: z.object({ sku: z.string() }) });
    const parent = defineWorkflow({ name: 'parent' })
      .task('first', { type: notify, input: { text: 'x' } })
      .subWorkflow('sub', { workflow: child, dependsOn: ['first'], input: { sku: 'a' } })
      .subWorkflow('pinned', { workflow: { name: 'child', version: 1 }, input: { sku: 'b' } });
    expect(parent.toDefinition().tasks.slice(1)).toEqual([
      { key: 'sub', workflow: 'child', dependsOn: ['first'], input: { sku: 'a' } },
      { key: 'pinned', workflow: { name: 'child', version: 1 }, input: { sku: 'b' } },
    ]);
  });

  it('leaves out what is not given, and each step returns a new builder', () => {
    const empty = defineWorkflow({ name: 'plain' });
    const one = empty.task('only', { type: notify, input: { text: 'hi' } });
    expect(empty.toDefinition()).toEqual({ name: 'plain', tasks: [] });
    expect(one.toDefinition()).toEqual({
      name: 'plain',
      tasks: [{ key: 'only', type: 'shop.notify', input: { text: 'hi' } }],
    });
  });

  it('puts a template inside an expression as the JSONata string it stands for', () => {
    const flow = defineWorkflow({ name: 'greet', inputSchema: z.object({ who: z.string() }) }).task('say', {
      type: notify,
      when: ({ run }) => expr`${tmpl`hi ${run.input.who}!`} != "hi !"`,
      input: { text: 'x' },
    });
    expect(flow.toDefinition().tasks[0]!.when).toBe('{{ ("hi " & $string(run.input.who) & "!") != "hi !" }}');
  });
});
