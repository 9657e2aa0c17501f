import { freePort } from '../support/api-client';
import { Cluster } from '../support/cluster';
import { watchHealth, type HealthWatch } from '../support/health-watch';

interface RunView {
  status: string;
  tasks: { key: string; status: string; error: { name: string; message: string } | null }[];
}

const HEALTH_EVERY_MS = 100;
const HEALTH_WITHIN_MS = 1_000;
/** Overlapping alternation under a star: a backtracking engine takes exponential time on a's then a mismatch. */
const CATASTROPHIC = '$match(run.input.s, /(a|a)*$/)';
const HOSTILE_TEXT = `${'a'.repeat(36)}!`;

const DEFINITIONS = [
  {
    name: 'hx-regex-root',
    tasks: [{ key: 'a', type: 'core.noop', input: { m: `{{ ${CATASTROPHIC} }}` } }],
  },
  {
    name: 'hx-regex-downstream',
    tasks: [
      { key: 'a', type: 'core.noop' },
      { key: 'b', type: 'core.noop', dependsOn: ['a'], input: { m: `{{ ${CATASTROPHIC} }}` } },
    ],
  },
  {
    name: 'hx-regex-when',
    tasks: [
      { key: 'a', type: 'core.noop' },
      { key: 'b', type: 'core.noop', dependsOn: ['a'], when: `$count(${CATASTROPHIC}) > 0` },
    ],
  },
  {
    name: 'hx-pattern',
    inputSchema: { type: 'object', properties: { s: { type: 'string', pattern: '^(a|a)*$' } } },
    tasks: [{ key: 'a', type: 'core.noop' }],
  },
  {
    name: 'hx-pad',
    tasks: [{ key: 'a', type: 'core.noop', input: { big: '{{ $pad("", 50000000, "x") }}' } }],
  },
  {
    name: 'hx-fanout-sums',
    tasks: [
      { key: 'a', type: 'core.noop' },
      {
        key: 'b',
        type: 'core.noop',
        dependsOn: ['a'],
        forEach: '{{ [1..200] }}',
        input: { sum: '{{ $sum([1..300000]) }}' },
      },
    ],
  },
  { name: 'hx-normal', tasks: [{ key: 'a', type: 'core.noop', input: { v: '{{ run.input.v }}' } }] },
];

/**
 * Issue 12, item 3: user expressions and schema patterns never block a
 * process. Regexes run on RE2 (linear time); everything else that is more
 * than a plain path is evaluated in a pool of worker threads, killed past
 * EXPRESSION_TIMEOUT_MS or EXPRESSION_MAX_MEMORY_MB. Throughout, the api's
 * and the executor's /health are polled from processes of their own and
 * must answer within a second; after each hostile input a normal run
 * succeeds.
 */
describe('hostile expressions never block a process', () => {
  let cluster: Cluster;
  let watches: HealthWatch[];

  beforeAll(async () => {
    const [routerPort, executorPort] = [await freePort(), await freePort()];
    cluster = await Cluster.start('e2e-hostile-expressions', { METRICS_PORT: String(routerPort) }, { executor: false });
    await cluster.startExecutor({ METRICS_PORT: String(executorPort) });
    for (const definition of DEFINITIONS) {
      const registered = await cluster.api.post('/api/v1/workflows', definition);
      expect({ name: definition.name, status: registered.status }).toEqual({ name: definition.name, status: 201 });
    }
    watches = [
      watchHealth(`${cluster.api.base}/health`, HEALTH_EVERY_MS, HEALTH_WITHIN_MS),
      watchHealth(`http://127.0.0.1:${executorPort}/health`, HEALTH_EVERY_MS, HEALTH_WITHIN_MS),
    ];
  });

  afterAll(async () => {
    await Promise.all((watches ?? []).map((watch) => watch.stop()));
    await cluster?.stop();
  });

  async function run(name: string, input: unknown = {}): Promise<RunView> {
    const started = await cluster.api.post<{ id: string }>(`/api/v1/workflows/${name}/runs`, { input });
    expect(started.status).toBe(201);
    return cluster.api.waitForRun<RunView>(started.body.id, 60_000);
  }

  function taskOf(view: RunView, key: string) {
    return view.tasks.find((task) => task.key === key)!;
  }

  async function expectNormalRunSucceeds(): Promise<void> {
    expect((await run('hx-normal', { v: 1 })).status).toBe('succeeded');
  }

  it.each(['hx-regex-root', 'hx-regex-downstream', 'hx-regex-when'])(
    'matches the catastrophic regex of %s in linear time, in the api and in the executor',
    async (name) => {
      const views = await Promise.all(Array.from({ length: 3 }, () => run(name, { s: HOSTILE_TEXT })));
      for (const view of views) {
        expect(view.status).toBe('succeeded');
        expect(view.tasks.every((task) => task.status === 'succeeded')).toBe(true);
      }
      await expectNormalRunSucceeds();
    },
  );

  it('checks an inputSchema pattern that backtracks catastrophically in linear time', async () => {
    const refused = await cluster.api.post<{ message: string; details: { path: string; message: string }[] }>(
      '/api/v1/workflows/hx-pattern/runs',
      { input: { s: HOSTILE_TEXT } },
    );
    expect(refused.status).toBe(400);
    expect(refused.body.details).toEqual([{ path: 'input.s', message: 'must match pattern "^(a|a)*$"' }]);
    expect((await run('hx-pattern', { s: 'aaaa' })).status).toBe('succeeded');
    await expectNormalRunSucceeds();
  });

  it('refuses at registration, naming the pattern, regexes that RE2 cannot run', async () => {
    const pattern = await cluster.api.post<{ message: string; details: { path: string; message: string }[] }>(
      '/api/v1/workflows',
      {
        name: 'hx-backreference-pattern',
        inputSchema: { type: 'object', properties: { s: { type: 'string', pattern: '^(a+)\\1$' } } },
        tasks: [{ key: 'a', type: 'core.noop' }],
      },
    );
    expect(pattern.status).toBe(400);
    expect(JSON.stringify(pattern.body)).toMatch(/\/\^\(a\+\)\\\\1\$\/ is not supported.*no backreferences/);
    const template = await cluster.api.post('/api/v1/workflows', {
      name: 'hx-lookahead-template',
      tasks: [{ key: 'a', type: 'core.noop', input: { m: '{{ $match(run.input.s, /a(?=b)/) }}' } }],
    });
    expect(template.status).toBe(400);
    expect(JSON.stringify(template.body)).toMatch(/is not supported.*lookahead or lookbehind/);
  });

  it('fails a root task whose input renders a 50,000,000-character string, with a clear error', async () => {
    const views = await Promise.all(Array.from({ length: 3 }, () => run('hx-pad')));
    for (const view of views) {
      expect(view.status).toBe('failed');
      const { error } = taskOf(view, 'a');
      expect(['ExpressionLimitExceeded', 'InputTooLarge']).toContain(error!.name);
      expect(error!.message).toMatch(/EXPRESSION_TIMEOUT_MS|EXPRESSION_MAX_MEMORY_MB|TASK_INPUT_MAX_BYTES/);
    }
    await expectNormalRunSucceeds();
  });

  it('fails a forEach whose 200 items each sum [1..300000], as one bounded evaluation', async () => {
    const views = await Promise.all(Array.from({ length: 3 }, () => run('hx-fanout-sums')));
    for (const view of views) {
      expect(view.status).toBe('failed');
      expect(taskOf(view, 'a').status).toBe('succeeded');
      expect(taskOf(view, 'b').error).toMatchObject({
        name: 'ExpressionLimitExceeded',
        message: expect.stringMatching(/took longer than EXPRESSION_TIMEOUT_MS \(1000 ms\)/),
      });
    }
    await expectNormalRunSucceeds();
  });

  it('kept /health answering within a second on the api and the executor throughout', async () => {
    const [api, executor] = await Promise.all(watches.map((watch) => watch.stop()));
    watches = [];
    expect({ api, executor }).toEqual({ api: [], executor: [] });
    for (const process of cluster.processes) {
      expect({ app: process.app, running: process.running }).toEqual({ app: process.app, running: true });
    }
  });
});
