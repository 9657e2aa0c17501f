import type { JsonValue } from '../json/json-value';
import type { DefinitionContext } from './definition-context';
import { DefinitionError, type DefinitionIssue } from './definition-error';
import { validateDefinition } from './validate-definition';

const ctx: DefinitionContext = {
  isKnownTaskType: (type) => ['core.noop', 'http.request', 'transform.map'].includes(type),
  validateTaskInput: (type, input) => {
    if (type !== 'http.request') return [];
    const url = (input as { url?: JsonValue }).url;
    return typeof url === 'string' ? [] : [{ path: 'url', message: 'url is required' }];
  },
};

/** The issues a definition is refused with (fails the test if it is accepted). */
function issuesOf(raw: unknown, context: DefinitionContext = ctx): DefinitionIssue[] {
  try {
    validateDefinition(raw, context);
  } catch (error) {
    if (error instanceof DefinitionError) return error.issues;
    throw error;
  }
  throw new Error('definition was accepted');
}

const workflow = (tasks: unknown[], extra: object = {}) => ({ name: 'wf', tasks, ...extra });
const noop = (key: string, more: object = {}) => ({ key, type: 'core.noop', ...more });

describe('validateDefinition', () => {
  it('accepts the example from the design document', () => {
    const plan = validateDefinition(
      {
        name: 'order-fulfilment',
        defaults: {
          priority: 'normal',
          timeoutMs: 30000,
          retry: { maxAttempts: 3, backoff: 'exponential', delayMs: 500, maxDelayMs: 60000 },
        },
        tasks: [
          { key: 'fetch', type: 'http.request', input: { url: '{{ run.input.url }}' } },
          {
            key: 'items',
            type: 'transform.map',
            dependsOn: ['fetch'],
            input: { source: '{{ tasks.fetch.output.body }}' },
          },
          {
            key: 'price',
            type: 'core.noop',
            dependsOn: ['items'],
            forEach: '{{ tasks.items.output.list }}',
            input: { sku: '{{ item }}' },
          },
          {
            key: 'notify',
            type: 'core.noop',
            dependsOn: ['price'],
            when: 'tasks.items.output.count > 0',
            trigger: 'all_success',
            resources: { profile: 'io-intensive' },
            priority: 'high',
          },
        ],
        output: { priced: '{{ tasks.price.output }}' },
      },
      ctx,
    );
    expect(plan.tasks.map((task) => task.key)).toEqual(['fetch', 'items', 'price', 'notify']);
    expect(plan.byKey.get('notify')?.referencedTasks).toEqual(['items']);
  });

  describe('schema', () => {
    it('names the field of each schema issue', () => {
      const issues = issuesOf({
        name: 'bad name!',
        tasks: [
          { key: '1abc', type: 'core.noop' },
          { key: 'b', type: 'core.noop', priority: 'urgent', timeoutMs: -1, dependsOn: 'a' },
        ],
      });
      expect(issues).toEqual(
        expect.arrayContaining([
          { path: 'name', message: expect.stringContaining('must start with a letter or digit') },
          { path: 'tasks[0].key', message: expect.stringContaining('must start with a letter or _') },
          { path: 'tasks[1].priority', message: expect.stringContaining('"critical"') },
          { path: 'tasks[1].timeoutMs', message: expect.any(String) },
          { path: 'tasks[1].dependsOn', message: expect.stringContaining('expected array') },
        ]),
      );
    });

    it('rejects unknown properties so typos are caught', () => {
      expect(issuesOf(workflow([{ key: 'a', tpye: 'core.noop', type: 'core.noop' }]))).toEqual([
        { path: 'tasks[0].tpye', message: "unknown property 'tpye'" },
      ]);
      expect(issuesOf(workflow([noop('a', { retry: { maxAttemps: 2 } })]))).toEqual([
        { path: 'tasks[0].retry.maxAttemps', message: "unknown property 'maxAttemps'" },
      ]);
    });

    it('requires exactly one of type and workflow', () => {
      const issues = issuesOf(workflow([{ key: 'a' }, { key: 'b', type: 'core.noop', workflow: 'child' }]));
      expect(issues).toEqual([
        { path: 'tasks[0].type', message: expect.stringContaining("task 'a' must have exactly one of 'type'") },
        { path: 'tasks[1].type', message: expect.stringContaining("task 'b' must have exactly one of 'type'") },
      ]);
    });

    it('enforces the documented limits', () => {
      const tooMany = workflow(Array.from({ length: 10_001 }, (_, i) => noop(`t${i}`)));
      expect(issuesOf(tooMany)).toEqual([{ path: 'tasks', message: expect.stringContaining('10000') }]);
      const deps = Array.from({ length: 1_001 }, (_, i) => `d${i}`);
      expect(issuesOf(workflow([noop('a', { dependsOn: deps })]))).toEqual([
        { path: 'tasks[0].dependsOn', message: expect.stringContaining('1000') },
      ]);
      expect(issuesOf(workflow([noop('a', { when: 'x'.repeat(5_000) })]))[0].path).toBe('tasks[0].when');
      expect(issuesOf(workflow([]))).toEqual([{ path: 'tasks', message: expect.any(String) }]);
    });

    it('refuses absurdly nested JSON before parsing it', () => {
      let deep: JsonValue = 'leaf';
      for (let i = 0; i < 10_000; i++) deep = [deep];
      const [issue] = issuesOf(workflow([noop('a', { input: deep })]));
      expect(issue.message).toMatch(/nested deeper than 64/);
      expect(issue.path.startsWith('tasks[0].input[0]')).toBe(true);
    });

    it('points into the JSON value that is not JSON', () => {
      const issues = issuesOf(workflow([noop('a', { input: { ok: 1, bad: { deeper: undefined } } })]));
      expect(issues).toEqual([
        { path: 'tasks[0].input.bad.deeper', message: expect.stringContaining('received undefined') },
      ]);
    });

    it('refuses a non-object and a reserved key', () => {
      expect(issuesOf('nope')).toEqual([{ path: '', message: expect.stringContaining('expected object') }]);
      expect(issuesOf(workflow([noop('__proto__')]))).toEqual([{ path: 'tasks[0].key', message: 'is reserved' }]);
    });
  });

  describe('graph', () => {
    it('reports a cycle with its path', () => {
      const issues = issuesOf(
        workflow([noop('a', { dependsOn: ['b'] }), noop('b', { dependsOn: ['c'] }), noop('c', { dependsOn: ['a'] })]),
      );
      expect(issues).toEqual([
        { path: 'tasks[0].dependsOn', message: expect.stringContaining('cycle: a -> b -> c -> a') },
      ]);
    });

    it('names the cycle in the error message', () => {
      expect(() =>
        validateDefinition(workflow([noop('x', { dependsOn: ['y'] }), noop('y', { dependsOn: ['x'] })]), ctx),
      ).toThrow(/cycle: x -> y -> x/);
    });

    it('reports unknown, self and repeated dependencies, naming both tasks', () => {
      const issues = issuesOf(workflow([noop('a'), noop('b', { dependsOn: ['a', 'ghost', 'b', 'a'] })]));
      expect(issues).toEqual([
        { path: 'tasks[1].dependsOn[1]', message: "task 'b' depends on unknown task 'ghost'" },
        { path: 'tasks[1].dependsOn[2]', message: "task 'b' depends on itself" },
        { path: 'tasks[1].dependsOn[3]', message: "task 'b' lists 'a' more than once" },
      ]);
    });

    it('reports duplicate keys and unknown task types by name', () => {
      const issues = issuesOf(workflow([noop('a'), noop('a'), { key: 'c', type: 'no.such' }]));
      expect(issues).toEqual([
        { path: 'tasks[1].key', message: "duplicate task key 'a' (first defined at tasks[0])" },
        { path: 'tasks[2].type', message: "task 'c' has unknown task type 'no.such'" },
      ]);
    });
  });

  describe('expressions', () => {
    it('refuses a reference to a task that is not upstream', () => {
      const issues = issuesOf(
        workflow([noop('a'), noop('b'), noop('c', { dependsOn: ['a'], input: { x: '{{ tasks.b.output }}' } })]),
      );
      expect(issues).toEqual([
        {
          path: 'tasks[2].input.x',
          message: expect.stringMatching(/task 'c' reads tasks\.b in its input, but 'b' is not upstream of 'c'/),
        },
      ]);
    });

    it('accepts references to transitive ancestors and dashed keys', () => {
      const plan = validateDefinition(
        workflow([
          noop('my-root'),
          noop('mid', { dependsOn: ['my-root'] }),
          noop('leaf', {
            dependsOn: ['mid'],
            when: 'tasks.`my-root`.output.ok',
            input: '{{ tasks.`my-root`.output }}',
          }),
        ]),
        ctx,
      );
      expect(plan.byKey.get('leaf')?.referencedTasks).toEqual(['my-root']);
    });

    it('checks when, forEach and affinity as well as input', () => {
      const issues = issuesOf(
        workflow([
          noop('a'),
          noop('b', {
            when: 'tasks.a.output > 1',
            forEach: '{{ tasks.a.output }}',
            affinity: 'tenant-{{ tasks.a.output }}',
          }),
        ]),
      );
      expect(issues.map((issue) => issue.path)).toEqual(['tasks[1].when', 'tasks[1].forEach', 'tasks[1].affinity']);
      expect(issues[0].message).toContain('in its when condition');
    });

    it('reports unknown and self references', () => {
      const issues = issuesOf(
        workflow([noop('a', { input: { x: '{{ tasks.ghost.output }}', y: '{{ tasks.a.output }}' } })]),
      );
      expect(issues).toEqual([
        { path: 'tasks[0].input.x', message: "task 'a' reads tasks.ghost in its input, but there is no task 'ghost'" },
        { path: 'tasks[0].input.y', message: "task 'a' reads tasks.a in its input: a task cannot read its own result" },
      ]);
    });

    it('reports templates and conditions that do not parse', () => {
      const issues = issuesOf(
        workflow([
          noop('a', { input: { list: ['ok', '{{ run.input. }}'] }, when: 'run.input.x >', forEach: '{{ a }} {{ b }}' }),
        ]),
      );
      expect(issues.map((issue) => issue.path)).toEqual([
        'tasks[0].input.list[1]',
        'tasks[0].when',
        'tasks[0].forEach',
      ]);
      expect(issues[0].message).toMatch(/task 'a' has an invalid input: Invalid expression "run.input."/);
    });

    it('allows item and index only in a forEach task input', () => {
      const issues = issuesOf(
        workflow([
          noop('list'),
          noop('each', {
            dependsOn: ['list'],
            forEach: 'tasks.list.output',
            input: { sku: '{{ item.sku }}', n: '{{ index }}' },
          }),
          noop('plain', { input: { sku: '{{ item }}' } }),
          noop('cond', { dependsOn: ['list'], forEach: 'tasks.list.output', when: 'item > 1' }),
        ]),
      );
      expect(issues).toEqual([
        { path: 'tasks[2].input.sku', message: expect.stringContaining("task 'plain' uses item/index in its input") },
        {
          path: 'tasks[3].when',
          message: expect.stringContaining("task 'cond' uses item/index in its when condition"),
        },
      ]);
    });

    it('lets the output read any task, but only real ones', () => {
      expect(
        issuesOf(workflow([noop('a'), noop('b')], { output: { x: '{{ tasks.a.output }}', y: '{{ tasks.nope }}' } })),
      ).toEqual([{ path: 'output.y', message: "the workflow output reads tasks.nope, but there is no task 'nope'" }]);
    });
  });

  describe('task inputs', () => {
    it('validates static inputs with the task type, prefixing the path with the task key', () => {
      expect(issuesOf(workflow([{ key: 'price', type: 'http.request', input: { method: 'GET' } }]))).toEqual([
        { path: 'tasks.price.input.url', message: "input of task 'price' (type 'http.request'): url is required" },
      ]);
    });

    it('does not validate inputs holding templates', () => {
      const validateTaskInput = jest.fn(() => []);
      validateDefinition(
        workflow([
          { key: 'a', type: 'http.request', input: { url: '{{ run.input.url }}' } },
          noop('b', { input: { n: 1 } }),
        ]),
        { isKnownTaskType: () => true, validateTaskInput },
      );
      expect(validateTaskInput).toHaveBeenCalledTimes(1);
      expect(validateTaskInput).toHaveBeenCalledWith('core.noop', { n: 1 });
    });
  });

  it('lists every issue at once and summarises the first ones in the message', () => {
    const raw = workflow([
      noop('a', { dependsOn: ['x'] }),
      noop('b', { dependsOn: ['y'] }),
      noop('c', { dependsOn: ['z'] }),
      noop('d', { dependsOn: ['w'] }),
    ]);
    expect(issuesOf(raw)).toHaveLength(4);
    expect(() => validateDefinition(raw, ctx)).toThrow(
      "Invalid workflow definition: tasks[0].dependsOn[0]: task 'a' depends on unknown task 'x'; " +
        "tasks[1].dependsOn[0]: task 'b' depends on unknown task 'y'; " +
        "tasks[2].dependsOn[0]: task 'c' depends on unknown task 'z'; and 1 more issue",
    );
  });
});
