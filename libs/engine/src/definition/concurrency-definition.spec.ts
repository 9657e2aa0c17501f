import type { DefinitionContext } from './definition-context';
import { DefinitionError, type DefinitionIssue } from './definition-error';
import { validateDefinition } from './validate-definition';

const ctx: DefinitionContext = {
  isKnownTaskType: (type) => type === 'core.noop',
  validateTaskInput: () => [],
};

function issuesOf(raw: unknown): DefinitionIssue[] {
  try {
    validateDefinition(raw, ctx);
  } catch (error) {
    if (error instanceof DefinitionError) return error.issues;
    throw error;
  }
  throw new Error('definition was accepted');
}

describe('concurrency keys in a definition', () => {
  it('accepts a templated key on a task and an item key on a forEach task, and plans both', () => {
    const plan = validateDefinition(
      {
        name: 'wf',
        tasks: [
          { key: 'a', type: 'core.noop', concurrency: { key: '{{ run.input.customer }}', limit: 5 } },
          {
            key: 'b',
            type: 'core.noop',
            dependsOn: ['a'],
            forEach: '{{ tasks.a.output }}',
            concurrency: { key: 'item-{{ item.id }}', limit: 1 },
          },
        ],
      },
      ctx,
    );
    expect(plan.byKey.get('a')?.concurrency).toEqual({ key: '{{ run.input.customer }}', limit: 5 });
    expect(plan.byKey.get('b')?.referencedTasks).toEqual(['a']);
  });

  it('checks the key like any template: upstream reads only, item only with forEach', () => {
    const issues = issuesOf({
      name: 'wf',
      tasks: [
        { key: 'a', type: 'core.noop', concurrency: { key: '{{ item }}', limit: 1 } },
        { key: 'b', type: 'core.noop', concurrency: { key: '{{ tasks.c.output }}', limit: 1 } },
        { key: 'c', type: 'core.noop' },
      ],
    });
    expect(issues.map((issue) => issue.path)).toEqual(['tasks[0].concurrency.key', 'tasks[1].concurrency.key']);
    expect(issues[1]!.message).toContain('in its concurrency key');
  });

  it('refuses a limit below 1 and a key on a sub-workflow task', () => {
    expect(
      issuesOf({ name: 'wf', tasks: [{ key: 'a', type: 'core.noop', concurrency: { key: 'k', limit: 0 } }] }).map(
        (issue) => issue.path,
      ),
    ).toEqual(['tasks[0].concurrency.limit']);
    const issues = issuesOf({
      name: 'wf',
      tasks: [{ key: 'a', workflow: 'child', concurrency: { key: 'k', limit: 1 } }],
    });
    expect(issues.some((issue) => issue.message.includes('a concurrency key applies to tasks of a type'))).toBe(true);
  });
});

describe('a workflow concurrency key', () => {
  const tasks = [{ key: 'a', type: 'core.noop' }];

  it('accepts a key on the run input with each onLimit, queue by default', () => {
    for (const onLimit of ['queue', 'cancel_newest', 'cancel_oldest', undefined]) {
      const plan = validateDefinition(
        { name: 'wf', tasks, concurrency: { key: '{{ run.input.customer }}', limit: 2, onLimit } },
        ctx,
      );
      expect(plan.definition.concurrency).toEqual({ key: '{{ run.input.customer }}', limit: 2, onLimit });
    }
  });

  it('refuses an unknown onLimit, a limit below one and an unknown property', () => {
    expect(issuesOf({ name: 'wf', tasks, concurrency: { key: 'k', limit: 1, onLimit: 'drop' } })[0]?.path).toBe(
      'concurrency.onLimit',
    );
    expect(issuesOf({ name: 'wf', tasks, concurrency: { key: 'k', limit: 0 } })[0]?.path).toBe('concurrency.limit');
    expect(issuesOf({ name: 'wf', tasks, concurrency: { key: 'k', limit: 1, max: 2 } })).toHaveLength(1);
  });

  it('refuses a key that reads a task or an item: it is rendered before any task ran', () => {
    const issues = issuesOf({ name: 'wf', tasks, concurrency: { key: '{{ tasks.a.output }}', limit: 1 } });
    expect(issues).toEqual([
      expect.objectContaining({ path: 'concurrency.key', message: expect.stringContaining('may read run.input') }),
    ]);
  });
});
