import { Cluster } from '../support/cluster';

interface RunView {
  id: string;
  status: string;
  output: unknown;
  tasks: { key: string; status: string; output: unknown; attempts: number }[];
}

const DIAMOND = {
  name: 'diamond',
  inputSchema: { type: 'object', properties: { n: { type: 'number' } }, required: ['n'] },
  tasks: [
    { key: 'a', type: 'core.noop', input: { n: '{{ run.input.n }}' } },
    { key: 'b', type: 'core.noop', dependsOn: ['a'], input: { side: 'b', fromA: '{{ tasks.a.output.n }}' } },
    { key: 'c', type: 'core.noop', dependsOn: ['a'], input: { side: 'c', fromA: '{{ tasks.a.output.n }}' } },
    {
      key: 'd',
      type: 'core.noop',
      dependsOn: ['b', 'c'],
      input: { b: '{{ tasks.b.output }}', c: '{{ tasks.c.output }}' },
    },
  ],
  output: { d: '{{ tasks.d.output }}' },
};

describe('a diamond workflow across separate api, router and executor processes', () => {
  let cluster: Cluster;

  beforeAll(async () => {
    cluster = await Cluster.start('e2e-diamond');
  });

  afterAll(async () => {
    await cluster?.stop();
  });

  it('runs A → (B, C) → D to success, D reading the outputs of B and C', async () => {
    const registered = await cluster.api.post('/api/v1/workflows', DIAMOND);
    expect(registered).toMatchObject({ status: 201, body: { name: 'diamond', version: 1 } });

    const started = await cluster.api.post<{ id: string; status: string }>('/api/v1/workflows/diamond/runs', {
      input: { n: 21 },
    });
    expect(started.status).toBe(201);

    const run = await cluster.api.waitForRun<RunView>(started.body.id);
    expect(run.status).toBe('succeeded');
    const byKey = Object.fromEntries(run.tasks.map((task) => [task.key, task]));
    expect(Object.values(byKey).map((task) => task.status)).toEqual([
      'succeeded',
      'succeeded',
      'succeeded',
      'succeeded',
    ]);
    expect(byKey.d!.output).toEqual({ b: { side: 'b', fromA: 21 }, c: { side: 'c', fromA: 21 } });
    expect(run.output).toEqual({ d: { b: { side: 'b', fromA: 21 }, c: { side: 'c', fromA: 21 } } });
  });

  it('answers 200 with the same version when the identical definition is registered again', async () => {
    const again = await cluster.api.post('/api/v1/workflows', DIAMOND);
    expect(again).toMatchObject({ status: 200, body: { name: 'diamond', version: 1 } });
  });

  it.each([
    [
      'a cycle, naming its path',
      {
        name: 'cyclic',
        tasks: [
          { key: 'a', type: 'core.noop', dependsOn: ['c'] },
          { key: 'b', type: 'core.noop', dependsOn: ['a'] },
          { key: 'c', type: 'core.noop', dependsOn: ['b'] },
        ],
      },
      /cycle: (a -> c -> b -> a|c -> b -> a -> c|b -> a -> c -> b)/,
    ],
    ['an unknown task type, naming it', { name: 'bad-type', tasks: [{ key: 'a', type: 'core.nope' }] }, /core\.nope/],
    [
      'an unknown dependency, naming it',
      { name: 'bad-dep', tasks: [{ key: 'a', type: 'core.noop', dependsOn: ['ghost'] }] },
      /ghost/,
    ],
  ])('rejects %s with 400', async (_, definition, culprit) => {
    const response = await cluster.api.post<{ statusCode: number; message: string; details: unknown }>(
      '/api/v1/workflows',
      definition,
    );
    expect(response.status).toBe(400);
    expect(response.body.statusCode).toBe(400);
    expect(response.body.message).toMatch(culprit);
  });

  it('answers a malformed body, an oversized one and an unknown run with JSON errors', async () => {
    const malformed = await cluster.api.request<{ statusCode: number; error: string }>(
      'POST',
      '/api/v1/workflows',
      '{"name": ',
    );
    expect(malformed.status).toBe(400);
    expect(malformed.body).toMatchObject({ statusCode: 400, error: 'BadRequest' });
    // API_BODY_LIMIT is 5 MiB by default.
    const oversized = await cluster.api.request<{ statusCode: number; error: string }>(
      'POST',
      '/api/v1/workflows',
      JSON.stringify({ name: 'big', description: 'x'.repeat(6 * 1024 * 1024) }),
    );
    expect(oversized.status).toBe(413);
    expect(oversized.body).toMatchObject({ statusCode: 413, error: 'PayloadTooLarge' });
    const missing = await cluster.api.get<{ statusCode: number }>('/api/v1/runs/00000000-0000-4000-8000-000000000000');
    expect(missing.status).toBe(404);
    expect(missing.body.statusCode).toBe(404);
  });
});
