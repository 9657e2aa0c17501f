import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Ajv from 'ajv';
import { orderPricing } from '../../examples/order-pricing.workflow';
import { Cluster } from '../support/cluster';

const ROOT = join(__dirname, '..', '..');
const BIN = join(ROOT, 'apps', 'cli', 'bin', 'taskloom.cjs');

interface Ran {
  code: number | null;
  stdout: string;
  stderr: string;
}

interface RunView {
  id: string;
  status: string;
  output: unknown;
  tasks: { key: string; status: string }[];
}

/**
 * The built `taskloom` command run as a process (stdout and stderr are
 * pipes, not a terminal) against api, router and executor processes: the
 * way a script or a CI job calls it.
 */
describe('the taskloom CLI against a running cluster', () => {
  let cluster: Cluster;
  let work: string;

  function start(args: string[]): { child: ChildProcess; done: Promise<Ran> } {
    const child = spawn(process.execPath, [BIN, ...args], {
      cwd: ROOT,
      env: { ...process.env, NODE_OPTIONS: '', TASKLOOM_URL: cluster.api.base, NO_COLOR: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout!.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const done = new Promise<Ran>((resolve) => child.once('close', (code) => resolve({ code, stdout, stderr })));
    return { child, done };
  }

  const taskloom = (...args: string[]): Promise<Ran> => start(args).done;

  beforeAll(async () => {
    [cluster, work] = await Promise.all([Cluster.start('e2e-cli'), mkdtemp(join(tmpdir(), 'taskloom-cli-e2e-'))]);
  });

  afterAll(async () => {
    await cluster?.stop();
    await rm(work, { recursive: true, force: true });
  });

  it('applies a YAML file of two definitions, idempotently, reporting the version each got', async () => {
    const first = await taskloom('apply', '-f', 'examples/greet.yaml', '--json');
    expect(first).toMatchObject({ code: 0, stderr: '' });
    expect(JSON.parse(first.stdout)).toEqual([
      { file: 'examples/greet.yaml', name: 'example-greet', version: 1, created: true },
      { file: 'examples/greet.yaml', name: 'example-always-fails', version: 1, created: true },
    ]);

    const again = await taskloom('apply', '-f', 'examples/greet.yaml');
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/example-greet\s+1\s+unchanged/);
    expect(again.stdout).toContain('2 definition(s): 0 created, 2 unchanged');
  });

  it('applies a TypeScript module built with defineWorkflow(), registering exactly what it emits; then the folder', async () => {
    const applied = await taskloom('apply', '-f', 'examples/order-pricing.workflow.ts', '--json');
    expect(applied.code).toBe(0);
    expect(JSON.parse(applied.stdout)).toEqual([
      expect.objectContaining({ name: 'example-order-pricing', version: 1, created: true }),
    ]);
    const { body } = await cluster.api.get<{ definition: unknown }>('/api/v1/workflows/example-order-pricing');
    expect(body.definition).toEqual(orderPricing.toDefinition());

    const folder = await taskloom('apply', '-f', 'examples');
    expect(folder.code).toBe(0);
    expect(folder.stdout).toContain('4 definition(s): 1 created, 3 unchanged');

    const schema = (await cluster.api.get<object>('/api/v1/schemas/workflow-definition.json')).body;
    expect(new Ajv({ strict: false }).validate(schema, orderPricing.toDefinition())).toBe(true);
  });

  it('run --wait exits 0 for a succeeded run, with plain progress lines when stderr is not a terminal', async () => {
    const input = join(work, 'orders.json');
    await writeFile(
      input,
      JSON.stringify({
        orders: [
          { sku: 'a', qty: 2 },
          { sku: 'b', qty: 0 },
          { sku: 'c', qty: 1 },
        ],
      }),
    );
    const ran = await taskloom('run', 'example-order-pricing', '--input', `@${input}`, '--wait', '--interval', '100');
    expect(ran.code).toBe(0);
    expect(ran.stdout).toMatch(/^run [0-9a-f-]{36} succeeded in \S+\n {2}output: \{.*"count":2/);

    const lines = ran.stderr.trimEnd().split('\n');
    // No colours, no cursor moves, no redraws.
    expect([ran.stderr.includes('\u001b'), ran.stderr.includes('\r')]).toEqual([false, false]);
    expect(lines[0]).toMatch(/^run [0-9a-f-]{36} of example-order-pricing v1$/);
    for (const progress of lines.slice(1)) {
      expect(progress).toMatch(/^\[ *[\d.]+m?s\] (pending|running|succeeded) \d+\/4 tasks done(, running: .+)?$/);
    }
    expect(lines.at(-1)).toMatch(/succeeded 4\/4 tasks done$/);

    const id = /^run (\S+)/.exec(ran.stdout)![1]!;
    const run = (await cluster.api.get<RunView>(`/api/v1/runs/${id}`)).body;
    expect(run.output).toEqual({
      priced: [
        { sku: 'a', line: 0, label: 'order line a' },
        { sku: 'c', line: 1, label: 'order line c' },
      ],
      count: 2,
    });
  });

  it("run --wait --json exits 1 for a failed run; logs prints the failed task's lines", async () => {
    const ran = await taskloom('run', 'example-always-fails', '--wait', '--json', '--interval', '100');
    expect(ran.code).toBe(1);
    expect(ran.stderr).toBe('');
    const run = JSON.parse(ran.stdout) as RunView;
    expect(run).toMatchObject({ status: 'failed', tasks: [{ key: 'boom', status: 'failed' }] });

    const logs = await taskloom('runs', 'logs', run.id, 'boom');
    expect(logs.code).toBe(0);
    expect(logs.stdout).toMatch(/^attempt 1 \(failed\)\n\S+ INFO {2}failing on purpose \{"attempt":1\}\n/);
  });

  it('exits 2 when the followed run is cancelled (runs cancel from a second process)', async () => {
    await writeFile(
      join(work, 'slow.json'),
      JSON.stringify({ name: 'cli-slow', tasks: [{ key: 'nap', type: 'core.sleep', input: { ms: 60_000 } }] }),
    );
    expect((await taskloom('apply', '-f', join(work, 'slow.json'))).code).toBe(0);
    const started = JSON.parse((await taskloom('run', 'cli-slow', '--json')).stdout) as { id: string };
    const watching = start(['runs', 'watch', started.id, '--interval', '100']);
    const cancelled = await taskloom('runs', 'cancel', started.id);
    expect(cancelled).toMatchObject({ code: 0, stdout: `run ${started.id} cancelled\n` });
    const watched = await watching.done;
    expect(watched.code).toBe(2);
    expect(watched.stdout).toContain(`run ${started.id} cancelled`);
  });

  it('runs ls --json prints a page that parses, newest first; get and workflows read too', async () => {
    const listed = await taskloom('runs', 'ls', '--json', '--limit', '10');
    expect(listed.code).toBe(0);
    const page = JSON.parse(listed.stdout) as { items: { workflow: string; status: string }[]; nextCursor: null };
    expect(page.items.map((run) => `${run.workflow}:${run.status}`)).toEqual([
      'cli-slow:cancelled',
      'example-always-fails:failed',
      'example-order-pricing:succeeded',
    ]);
    expect(page.nextCursor).toBeNull();

    const table = await taskloom('runs', 'ls', '--status', 'failed');
    expect(table.stdout.split('\n')[0]).toMatch(/^ID\s+WORKFLOW\s+VERSION\s+STATUS\s+CREATED\s+DURATION/);
    expect(table.stdout).toMatch(/example-always-fails\s+1\s+failed/);

    const workflows = JSON.parse((await taskloom('workflows', 'ls', '--json')).stdout) as { items: unknown[] };
    expect(workflows.items).toHaveLength(5);
  });

  it('says what went wrong, with exit code 3, for an invalid definition or an unknown run', async () => {
    const bad = join(work, 'bad.yaml');
    await writeFile(bad, 'name: cli-bad\ntasks:\n  - key: a\n    type: core.noop\n    dependsOn: [ghost]\n');
    const applied = await taskloom('apply', '-f', bad);
    expect(applied.code).toBe(3);
    expect(applied.stderr).toMatch(/^taskloom: 400 InvalidDefinition: .*ghost/m);

    const missing = await taskloom('runs', 'get', '00000000-0000-4000-8000-000000000000');
    expect(missing.code).toBe(3);
    expect(missing.stderr).toMatch(/^taskloom: 404 /);
  });
});
