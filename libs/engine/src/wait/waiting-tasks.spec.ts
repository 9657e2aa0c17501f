import { DefinitionError, type DefinitionIssue } from '../definition/definition-error';
import type { DefinitionContext } from '../definition/definition-context';
import { validateDefinition } from '../definition/validate-definition';
import { resolveSleep, SleepTimeInvalid } from './sleep-wake';

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

const workflow = (tasks: unknown[], extra: object = {}) => ({ name: 'wf', tasks, ...extra });

describe('sleep and waitFor tasks in a definition', () => {
  it('plans a sleep as a waiting kind whose input is its sleep, templates kept', () => {
    const plan = validateDefinition(
      workflow([
        { key: 'start', type: 'core.noop' },
        { key: 'cool', sleep: { durationMs: 3_600_000 }, dependsOn: ['start'] },
        { key: 'later', sleep: { until: '{{ tasks.start.output.at }}' }, dependsOn: ['start'] },
      ]),
      ctx,
    );
    expect(plan.byKey.get('cool')).toMatchObject({ kind: 'sleep', input: { durationMs: 3_600_000 } });
    expect(plan.byKey.get('cool')!.type).toBeUndefined();
    expect(plan.byKey.get('later')).toMatchObject({
      kind: 'sleep',
      input: { until: '{{ tasks.start.output.at }}' },
      referencedTasks: ['start'],
    });
  });

  it('plans a signal wait with its signal, timeout and schema', () => {
    const waitFor = { signal: 'approval', timeoutMs: 86_400_000, schema: { type: 'object' } };
    const plan = validateDefinition(workflow([{ key: 'approve', waitFor }]), ctx);
    expect(plan.byKey.get('approve')).toMatchObject({ kind: 'signal', waitFor, input: {} });
    expect(plan.roots).toEqual(['approve']);
  });

  it('refuses a task with more than one body, or none', () => {
    expect(issuesOf(workflow([{ key: 'a', type: 'core.noop', sleep: { durationMs: 5 } }]))[0]!.message).toMatch(
      /exactly one of 'type'.*'workflow'.*'sleep' or 'waitFor'/,
    );
    expect(issuesOf(workflow([{ key: 'a', sleep: { durationMs: 5 }, waitFor: { signal: 's' } }]))).toHaveLength(1);
    expect(issuesOf(workflow([{ key: 'a' }]))[0]!.message).toMatch(/exactly one of/);
  });

  it('refuses a sleep with both or neither of durationMs and until', () => {
    const both = issuesOf(workflow([{ key: 'a', sleep: { durationMs: 5, until: '{{ run.input.at }}' } }]));
    expect(both[0]!.message).toMatch(/exactly one of 'durationMs' and 'until'/);
    expect(issuesOf(workflow([{ key: 'a', sleep: {} }]))[0]!.message).toMatch(/exactly one of/);
    expect(issuesOf(workflow([{ key: 'a', sleep: { durationMs: 0 } }]))[0]!.path).toContain('durationMs');
  });

  it('refuses what a waiting task cannot use: forEach, input, resources, affinity', () => {
    const issues = issuesOf(
      workflow([
        { key: 'a', waitFor: { signal: 'go' }, forEach: '[1]', input: { x: 1 }, resources: {}, affinity: 'k' },
      ]),
    );
    expect(issues.map((issue) => issue.message)).toEqual([
      "task 'a' waits (sleep or waitFor) and takes no 'forEach'",
      "task 'a' waits (sleep or waitFor) and takes no 'input'",
      "task 'a' waits (sleep or waitFor) and takes no 'resources'",
      "task 'a' waits (sleep or waitFor) and takes no 'affinity'",
    ]);
  });

  it('refuses a bad signal name and a sleep until reading a task that is not an ancestor', () => {
    expect(issuesOf(workflow([{ key: 'a', waitFor: { signal: 'has space' } }]))[0]!.path).toContain('signal');
    const issues = issuesOf(
      workflow([
        { key: 'other', type: 'core.noop' },
        { key: 'a', sleep: { until: '{{ tasks.other.output.at }}' } },
      ]),
    );
    expect(issues[0]!.message).toMatch(/other/);
  });

  it('resolves queueTimeoutMs from the task or the defaults, never for a waiting task', () => {
    const plan = validateDefinition(
      workflow(
        [
          { key: 'a', type: 'core.noop' },
          { key: 'b', type: 'core.noop', queueTimeoutMs: 50 },
          { key: 'c', sleep: { durationMs: 10 } },
        ],
        { defaults: { queueTimeoutMs: 1_000 } },
      ),
      ctx,
    );
    expect(plan.byKey.get('a')!.queueTimeoutMs).toBe(1_000);
    expect(plan.byKey.get('b')!.queueTimeoutMs).toBe(50);
    expect(plan.byKey.get('c')!.queueTimeoutMs).toBeUndefined();
    expect(validateDefinition(workflow([{ key: 'a', type: 'core.noop' }]), ctx).byKey.get('a')!.queueTimeoutMs).toBe(
      undefined,
    );
  });
});

describe('resolveSleep', () => {
  it('reads a duration or an ISO time with a zone', () => {
    expect(resolveSleep({ durationMs: 1_500 })).toEqual({ delayMs: 1_500 });
    expect(resolveSleep({ until: '2030-01-01T09:00:00Z' })).toEqual({ until: new Date('2030-01-01T09:00:00Z') });
    expect(resolveSleep({ until: '2030-01-01T10:00:00+01:00' })).toEqual({
      until: new Date('2030-01-01T09:00:00Z'),
    });
  });

  it('refuses an until that is not an ISO time with a zone', () => {
    for (const until of ['tomorrow', '2030-01-01T09:00:00', 12, null, '2030-13-01T00:00:00Z']) {
      expect(() => resolveSleep({ until })).toThrow(SleepTimeInvalid);
    }
    expect(() => resolveSleep({ until: 'tomorrow' })).toThrow(/sleep.until rendered "tomorrow"/);
  });
});
