/**
 * The workflow `npm start` registers and runs once: a fan-out over an
 * upstream list, a parallel branch, and a fan-in that reads both.
 */
export const DEMO_WORKFLOW = {
  name: 'demo-order',
  description: 'Prices each item of an order in parallel while stock is reserved, then summarises.',
  inputSchema: {
    type: 'object',
    properties: { customer: { type: 'string' }, items: { type: 'array', items: { type: 'string' } } },
    required: ['customer', 'items'],
  },
  tasks: [
    {
      key: 'fetch',
      type: 'core.noop',
      input: { customer: '{{ run.input.customer }}', items: '{{ run.input.items }}' },
    },
    {
      key: 'price',
      type: 'core.noop',
      dependsOn: ['fetch'],
      forEach: '{{ tasks.fetch.output.items }}',
      input: { sku: '{{ item }}', position: '{{ index }}' },
    },
    { key: 'reserve', type: 'core.sleep', dependsOn: ['fetch'], input: { ms: 250 } },
    {
      key: 'summary',
      type: 'core.noop',
      dependsOn: ['price', 'reserve'],
      input: { customer: '{{ tasks.fetch.output.customer }}', priced: '{{ tasks.price.output }}' },
    },
  ],
  output: { summary: '{{ tasks.summary.output }}' },
};

export const DEMO_INPUT = { customer: 'ada@example.com', items: ['apple', 'pear', 'plum'] };
