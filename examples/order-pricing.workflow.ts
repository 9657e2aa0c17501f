/**
 * A workflow written in TypeScript with defineWorkflow(): each task's input
 * is checked against its task type (from the plugins' defineTask), every
 * dependsOn key must exist, and templates are typed references.
 *
 *   npx taskloom apply -f examples/order-pricing.workflow.ts
 *   npx taskloom run example-order-pricing --input '{"orders":[{"sku":"a","qty":2},{"sku":"b","qty":0}]}' --wait
 *
 * test/e2e/cli.e2e-spec.ts applies and runs this file.
 */
import { defineWorkflow, tmpl } from '@taskloom/client';
import { noop, sleep } from '@taskloom/plugin-core';
import { filter, map } from '@taskloom/plugin-transform';
import { z } from '@taskloom/sdk';

const Order = z.object({ sku: z.string(), qty: z.number().int() });

export const orderPricing = defineWorkflow({
  name: 'example-order-pricing',
  description: 'Keeps the orders with a quantity, prices each one, and counts them',
  inputSchema: z.object({ orders: z.array(Order) }),
  defaults: { retry: { maxAttempts: 2, backoff: 'fixed', delayMs: 100 } },
})
  .task('select', {
    type: filter,
    input: ({ run }) => ({ expression: 'qty > 0', data: run.input.orders }),
  })
  .forEach('price', {
    type: noop,
    dependsOn: ['select'],
    items: ({ tasks }) => tasks.select.output.list,
    input: ({ item, index }) => ({ sku: item.sku, line: index, label: tmpl`order line ${item.sku}` }),
  })
  .task('settle', { type: sleep, dependsOn: ['select'], input: { ms: 5 } })
  .task('count', {
    type: map,
    dependsOn: ['price', 'settle'],
    input: ({ tasks }) => ({ expression: '$count($)', data: tasks.price.output }),
  })
  .output(({ tasks }) => ({ priced: tasks.price.output, count: tasks.count.output.result }));
