/**
 * Type-level tests for defineWorkflow, checked by `tsc -p tsconfig.check.json`
 * (part of `npm run lint`): every `@ts-expect-error` line must be an error,
 * and nothing else may be. Never executed.
 */
import { defineTask, z } from '@taskloom/sdk';
import { expectTypeOf } from 'expect-type';
import { defineWorkflow, tmpl, type Ref } from '../index';

const fetchPage = defineTask({
  type: 'demo.fetch',
  description: 'd',
  input: z.object({ url: z.string(), timeoutMs: z.number().optional() }),
  output: z.object({ status: z.number(), items: z.array(z.object({ sku: z.string(), qty: z.number() })) }),
  run: () => ({ status: 200, items: [] }),
});
const price = defineTask({
  type: 'demo.price',
  description: 'd',
  input: z.object({ sku: z.string(), qty: z.number().default(1) }),
  output: z.object({ cents: z.number() }),
  run: () => ({ cents: 1 }),
});
const wait = defineTask({
  type: 'demo.wait',
  description: 'd',
  input: z.object({ ms: z.number().optional() }),
  output: z.object({}),
  run: () => ({}),
});

export function typeTests(): void {
  const base = defineWorkflow({ name: 'typed', inputSchema: z.object({ url: z.string(), pages: z.number() }) });

  // Inputs are the task type's input: literals or references of the same type.
  const fetched = base.task('fetch', { type: fetchPage, input: ({ run }) => ({ url: run.input.url }) });
  // @ts-expect-error: url is a string, not a number
  base.task('fetch', { type: fetchPage, input: { url: 42 } });
  // @ts-expect-error: a reference to a number where a string is expected
  base.task('fetch', { type: fetchPage, input: ({ run }) => ({ url: run.input.pages }) });
  // @ts-expect-error: url is required by the task type's input
  base.task('fetch', { type: fetchPage, input: {} });
  // @ts-expect-error: not in the task type's input
  base.task('fetch', { type: fetchPage, input: { url: 'x', colour: 'blue' } });
  // A field with a default may be left out; an input needing nothing may be left out entirely.
  base.task('p', { type: price, input: { sku: 'a' } }).task('w', { type: wait });
  // @ts-expect-error: an input that needs url cannot be left out
  base.task('fetch', { type: fetchPage });

  // dependsOn takes only keys declared before.
  fetched.task('later', { type: wait, dependsOn: ['fetch'] });
  // @ts-expect-error: no task "nope" in this workflow
  fetched.task('later', { type: wait, dependsOn: ['nope'] });
  // @ts-expect-error: a key cannot be declared twice
  fetched.task('fetch', { type: wait });

  // References are typed by the ancestor's output, and only ancestors are visible.
  fetched.task('one', {
    type: price,
    dependsOn: ['fetch'],
    input: ({ tasks }) => {
      expectTypeOf(tasks.fetch.output.status).toExtend<Ref<number>>();
      return { sku: tasks.fetch.output.items[0]!.sku, qty: tasks.fetch.output.items[0]!.qty };
    },
  });
  fetched.task('one', {
    type: price,
    // @ts-expect-error: status is a number, sku a string
    input: ({ tasks }) => ({ sku: tasks.fetch.output.status }),
    dependsOn: ['fetch'],
  });
  // @ts-expect-error: "fetch" is not an ancestor of a task that does not depend on it
  fetched.task('one', { type: price, input: ({ tasks }) => ({ sku: tasks.fetch.output.items[0]!.sku }) });

  // forEach: the item is typed by the array's elements; the output is the array of outputs.
  const priced = fetched.forEach('price', {
    type: price,
    dependsOn: ['fetch'],
    items: ({ tasks }) => tasks.fetch.output.items,
    input: ({ item }) => ({ sku: item.sku, qty: item.qty }),
  });
  priced.task('sum', {
    type: wait,
    dependsOn: ['price'],
    input: ({ tasks }) => {
      expectTypeOf(tasks.price.output[0]!.cents).toExtend<Ref<number>>();
      return {};
    },
  });
  fetched.forEach('price', {
    type: price,
    dependsOn: ['fetch'],
    items: ({ tasks }) => tasks.fetch.output.items,
    // @ts-expect-error: qty is a number, not a string
    input: ({ item }) => ({ sku: item.qty }),
  });

  // A sub-workflow given by its builder takes that workflow's input; by name, any JSON.
  const child = defineWorkflow({ name: 'child', inputSchema: z.object({ sku: z.string() }) });
  fetched.subWorkflow('sub', {
    workflow: child,
    dependsOn: ['fetch'],
    input: ({ tasks }) => ({ sku: tasks.fetch.output.items[0]!.sku }),
  });
  // @ts-expect-error: the child's sku is a string
  fetched.subWorkflow('sub', { workflow: child, input: { sku: 42 } });
  fetched.subWorkflow('sub', { workflow: { name: 'other', version: 2 }, input: { anything: [1, 'two'] } });

  // Strings with references in them are strings.
  fetched.task('msg', {
    type: fetchPage,
    dependsOn: ['fetch'],
    input: ({ run }) => ({ url: tmpl`${run.input.url}/next` }),
  });
}
