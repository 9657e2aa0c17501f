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

describe('rate limits in a definition', () => {
  it('accepts a limit without a key, a templated key with a concurrency key, and an item key, and plans them', () => {
    const plan = validateDefinition(
      {
        name: 'wf',
        tasks: [
          { key: 'a', type: 'core.noop', rateLimit: { limit: 100, periodMs: 60_000 } },
          {
            key: 'b',
            type: 'core.noop',
            dependsOn: ['a'],
            rateLimit: { key: '{{ tasks.a.output.account }}', limit: 5, periodMs: 1000 },
            concurrency: { key: '{{ run.input.customer }}', limit: 2 },
          },
          {
            key: 'c',
            type: 'core.noop',
            forEach: '{{ run.input.items }}',
            rateLimit: { key: 'item-{{ item.id }}', limit: 1, periodMs: 1000 },
          },
        ],
      },
      ctx,
    );
    expect(plan.byKey.get('a')?.rateLimit).toEqual({ limit: 100, periodMs: 60_000 });
    expect(plan.byKey.get('b')?.rateLimit).toEqual({ key: '{{ tasks.a.output.account }}', limit: 5, periodMs: 1000 });
    expect(plan.byKey.get('b')?.concurrency).toEqual({ key: '{{ run.input.customer }}', limit: 2 });
    expect(plan.byKey.get('b')?.referencedTasks).toEqual(['a']);
  });

  it('checks the key like any template: upstream reads only, item only with forEach', () => {
    const issues = issuesOf({
      name: 'wf',
      tasks: [
        { key: 'a', type: 'core.noop', rateLimit: { key: '{{ item }}', limit: 1, periodMs: 1000 } },
        { key: 'b', type: 'core.noop', rateLimit: { key: '{{ tasks.c.output }}', limit: 1, periodMs: 1000 } },
        { key: 'c', type: 'core.noop' },
      ],
    });
    expect(issues.map((issue) => issue.path)).toEqual(['tasks[0].rateLimit.key', 'tasks[1].rateLimit.key']);
    expect(issues[1]!.message).toContain('in its rate-limit key');
  });

  it('refuses a limit or period out of range, unknown fields, and a rate limit on a wait or a sub-workflow', () => {
    const paths = (rateLimit: unknown) =>
      issuesOf({ name: 'wf', tasks: [{ key: 'a', type: 'core.noop', rateLimit }] }).map((issue) => issue.path);
    expect(paths({ limit: 0, periodMs: 1000 })).toEqual(['tasks[0].rateLimit.limit']);
    expect(paths({ limit: 1, periodMs: 0 })).toEqual(['tasks[0].rateLimit.periodMs']);
    expect(paths({ limit: 1, periodMs: 86_400_001 })).toEqual(['tasks[0].rateLimit.periodMs']);
    expect(paths({ limit: 1 })).toEqual(['tasks[0].rateLimit.periodMs']);
    expect(paths({ limit: 1, periodMs: 1000, burst: 2 })).toEqual(['tasks[0].rateLimit.burst']);
    const misplaced = issuesOf({
      name: 'wf',
      tasks: [
        { key: 'w', sleep: { durationMs: 10 }, rateLimit: { limit: 1, periodMs: 1000 } },
        { key: 's', workflow: 'child', rateLimit: { limit: 1, periodMs: 1000 } },
      ],
    });
    expect(misplaced.map((issue) => issue.message)).toEqual(
      expect.arrayContaining([
        expect.stringContaining("waits (sleep or waitFor) and takes no 'rateLimit'"),
        expect.stringContaining('a rate limit applies to tasks of a type'),
      ]),
    );
  });
});
