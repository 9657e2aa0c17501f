import type { TaskRow } from '@taskloom/persistence';
import { presentTasks } from './present-run';
import { taskRow } from './task-row.fixture';

const task = (overrides: Partial<TaskRow>): TaskRow => taskRow({ status: 'succeeded', priority: 2, ...overrides });

describe('presentTasks', () => {
  it('lists a 10,000-item forEach group under its task, every item once, in item order', () => {
    const count = 10_000;
    const group = task({ id: 'group', key: 'each', kind: 'foreach', type: null });
    // Items arrive in an order other than their index (created in batches, read by created_at).
    const items = Array.from({ length: count }, (_, n) => {
      const index = (n * 7919) % count;
      return task({
        id: `item-${index}`,
        key: 'each',
        kind: 'item',
        parentTaskId: 'group',
        itemIndex: index,
        output: index,
      });
    });
    const presented = presentTasks([task({ id: 'first', key: 'first' }), group, ...items]);

    expect(presented.map((t) => t.key)).toEqual(['first', 'each']);
    expect(presented[0]).not.toHaveProperty('items');
    const listed = (presented[1] as { items: { id: string; index?: number; output: unknown }[] }).items;
    expect(listed).toHaveLength(count);
    listed.forEach((item, index) => {
      expect(item).toMatchObject({ id: `item-${index}`, index, output: index });
    });
  });

  it('gives a forEach group without items an empty list', () => {
    const [presented] = presentTasks([task({ id: 'group', kind: 'foreach' })]);
    expect(presented).toMatchObject({ id: 'group', items: [] });
  });
});
