import type { TaskRow } from '@taskloom/persistence';
import { presentTasks } from './present-run';

function task(overrides: Partial<TaskRow>): TaskRow {
  return {
    id: 'id',
    runId: 'run',
    key: 'key',
    kind: 'task',
    type: 'core.noop',
    status: 'succeeded',
    priority: 2,
    attempt: 1,
    maxAttempts: 3,
    interruptions: 0,
    timeoutMs: 1000,
    input: null,
    output: null,
    error: null,
    queue: null,
    retry: null,
    depsTotal: 0,
    depsSucceeded: 0,
    depsFailed: 0,
    depsSkipped: 0,
    parentTaskId: null,
    itemIndex: null,
    childrenTotal: 0,
    childrenRemaining: 0,
    childrenFailed: 0,
    availableAt: null,
    dispatchAt: null,
    queuedAt: null,
    startedAt: null,
    finishedAt: null,
    executorId: null,
    wakeAt: null,
    waitSignal: null,
    queueTimeoutMs: null,
    createdAt: new Date(0),
    concurrencyKey: null,
    concurrencyLimit: null,
    ...overrides,
  };
}

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
