import { DefinitionError } from '../definition/definition-error';
import { DEFAULT_TIMEOUT_MS } from '../definition/limits';
import type { TaskDefinition, WorkflowDefinition } from '../definition/workflow-definition';
import { DEFAULT_RETRY } from '../model/retry-policy';
import { compilePlan } from './compile-plan';

const noop = (key: string, more: Partial<TaskDefinition> = {}): TaskDefinition => ({ key, type: 'core.noop', ...more });
const workflow = (tasks: TaskDefinition[], more: Partial<WorkflowDefinition> = {}): WorkflowDefinition => ({
  name: 'wf',
  tasks,
  ...more,
});

describe('compilePlan', () => {
  it('orders tasks topologically, stable with respect to definition order', () => {
    const plan = compilePlan(
      workflow([
        noop('report', { dependsOn: ['load', 'fetch'] }),
        noop('fetch'),
        noop('load', { dependsOn: ['fetch'] }),
        noop('audit'),
      ]),
    );
    expect(plan.tasks.map((task) => [task.key, task.index])).toEqual([
      ['fetch', 0],
      ['load', 1],
      ['report', 2],
      ['audit', 3],
    ]);
    expect(plan.roots).toEqual(['fetch', 'audit']);
    expect(plan.byKey.get('load')).toBe(plan.tasks[1]);
  });

  it('links parents, children and transitive ancestors', () => {
    const plan = compilePlan(
      workflow([
        noop('a'),
        noop('b', { dependsOn: ['a'] }),
        noop('c', { dependsOn: ['a'] }),
        noop('d', { dependsOn: ['c', 'b'] }),
      ]),
    );
    const d = plan.byKey.get('d')!;
    expect(d.dependsOn).toEqual(['c', 'b']);
    expect(d.ancestors).toEqual(['a', 'b', 'c']);
    expect(plan.byKey.get('a')!.children).toEqual(['b', 'c']);
    expect(plan.byKey.get('a')!.ancestors).toEqual([]);
    expect({ ...d }).toMatchObject({ key: 'd', ancestors: ['a', 'b', 'c'] });
  });

  it('applies built-in defaults', () => {
    const [task] = compilePlan(workflow([noop('a')])).tasks;
    expect(task).toMatchObject({
      kind: 'task',
      type: 'core.noop',
      trigger: 'all_success',
      priority: 'normal',
      timeoutMs: DEFAULT_TIMEOUT_MS,
      retry: DEFAULT_RETRY,
      input: {},
      referencedTasks: [],
    });
    expect(task.retry).not.toBe(DEFAULT_RETRY);
  });

  it('layers task settings over definition defaults over built-in defaults, retry field by field', () => {
    const plan = compilePlan(
      workflow(
        [
          noop('inherits'),
          noop('overrides', { priority: 'critical', timeoutMs: 5_000, retry: { delayMs: 10 }, trigger: 'all_done' }),
        ],
        {
          defaults: {
            priority: 'high',
            timeoutMs: 9_000,
            retry: { maxAttempts: 7, backoff: 'fixed' },
            runTimeoutMs: 60_000,
          },
        },
      ),
    );
    expect(plan.byKey.get('inherits')).toMatchObject({
      priority: 'high',
      timeoutMs: 9_000,
      retry: { ...DEFAULT_RETRY, maxAttempts: 7, backoff: 'fixed' },
    });
    expect(plan.byKey.get('overrides')).toMatchObject({
      priority: 'critical',
      timeoutMs: 5_000,
      trigger: 'all_done',
      retry: { maxAttempts: 7, backoff: 'fixed', delayMs: 10, maxDelayMs: 60_000, jitter: true },
    });
    expect(plan.runTimeoutMs).toBe(60_000);
  });

  it('normalises sub-workflow references', () => {
    const plan = compilePlan(
      workflow([
        { key: 'byName', workflow: 'child' },
        { key: 'pinned', workflow: { name: 'child', version: 3 } },
      ]),
    );
    expect(plan.byKey.get('byName')).toMatchObject({ kind: 'workflow', workflow: { name: 'child' } });
    expect(plan.byKey.get('byName')?.type).toBeUndefined();
    expect(plan.byKey.get('pinned')?.workflow).toEqual({ name: 'child', version: 3 });
  });

  it('keeps raw templates and lists the tasks each task and the output read', () => {
    const plan = compilePlan(
      workflow(
        [
          noop('a'),
          noop('b', { dependsOn: ['a'] }),
          noop('c', {
            dependsOn: ['b'],
            input: { x: '{{ tasks.a.output }}' },
            when: 'tasks.b.output.ok',
            forEach: '{{ tasks.a.output.list }}',
            affinity: '{{ run.input.tenant }}',
          }),
          noop('all', { dependsOn: ['b'], input: '{{ tasks.*.output }}' }),
        ],
        { output: { first: '{{ tasks.a.output }}', last: '{{ tasks.c.output }}' } },
      ),
    );
    const c = plan.byKey.get('c')!;
    expect(c.input).toEqual({ x: '{{ tasks.a.output }}' });
    expect(c.referencedTasks).toEqual(['a', 'b']);
    expect(plan.byKey.get('all')?.referencedTasks).toEqual(['a', 'b']);
    expect(plan.output).toEqual({ first: '{{ tasks.a.output }}', last: '{{ tasks.c.output }}' });
    expect(plan.outputReferences).toEqual(['a', 'c']);
  });

  it('makes an output that reads unnamed tasks reference every task', () => {
    const plan = compilePlan(workflow([noop('a'), noop('b')], { output: '{{ $keys(tasks) }}' }));
    expect(plan.outputReferences).toEqual(['a', 'b']);
  });

  it('refuses a cyclic definition instead of returning a partial plan', () => {
    expect(() => compilePlan(workflow([noop('a', { dependsOn: ['b'] }), noop('b', { dependsOn: ['a'] })]))).toThrow(
      DefinitionError,
    );
  });
});
