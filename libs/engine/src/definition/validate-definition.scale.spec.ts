import type { TaskDefinition } from './workflow-definition';
import { validateDefinition } from './validate-definition';
import { MAX_TASKS_PER_DEFINITION } from './limits';

const ctx = { isKnownTaskType: () => true };
const SIZE = MAX_TASKS_PER_DEFINITION;

// Correctness at the limit; its cost is measured by `npm run bench:definitions`.
describe('validateDefinition at the task limit', () => {
  it('validates a 10,000-task chain that reads its parent and the root', () => {
    const tasks: TaskDefinition[] = Array.from({ length: SIZE }, (_, i) => ({
      key: `t${i}`,
      type: 'core.noop',
      ...(i > 0 && {
        dependsOn: [`t${i - 1}`],
        input: { previous: `{{ tasks.t${i - 1}.output }}`, root: '{{ tasks.t0.output.id }}' },
      }),
    }));
    const plan = validateDefinition({ name: 'chain', tasks: [...tasks].reverse() }, ctx);
    expect(plan.tasks[0].key).toBe('t0');
    expect(plan.tasks[SIZE - 1]).toMatchObject({
      key: `t${SIZE - 1}`,
      index: SIZE - 1,
      referencedTasks: [`t${SIZE - 2}`, 't0'],
    });
    expect(plan.tasks[SIZE - 1].ancestors).toHaveLength(SIZE - 1);
  });

  it('validates a 10,000-task fan-out and fan-in', () => {
    const fan: TaskDefinition[] = Array.from({ length: SIZE - 2 }, (_, i) => ({
      key: `leaf${i}`,
      type: 'core.noop',
      dependsOn: ['root'],
      input: { id: '{{ tasks.root.output.id }}', n: i },
    }));
    const join: TaskDefinition = {
      key: 'join',
      type: 'core.noop',
      dependsOn: fan.map((task) => task.key).slice(0, 1_000),
    };
    const plan = validateDefinition({ name: 'fan', tasks: [{ key: 'root', type: 'core.noop' }, ...fan, join] }, ctx);
    expect(plan.byKey.get('root')?.children).toHaveLength(SIZE - 2);
    expect(plan.tasks.at(-1)?.key).toBe('join');
  });
});
