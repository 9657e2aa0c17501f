import { spawn, type ChildProcess } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
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
      { kind: 'workflow', file: 'examples/greet.yaml', name: 'example-greet', version: 1, created: true },
      { kind: 'workflow', file: 'examples/greet.yaml', name: 'example-always-fails', version: 1, created: true },
    ]);

    const again = await taskloom('apply', '-f', 'examples/greet.yaml');
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/workflow\s+example-greet\s+1\s+unchanged/);
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

  // These start runs, so they come after the runs ls test, which counts them.
  describe('schedules, signals and events', () => {
    const GATE = `name: cli-gate
tasks:
  - key: approve
    waitFor: { signal: approval }
  # Keeps the run going after approve, so a repeated approval meets a running run (a duplicate, not a 409).
  - key: confirm
    dependsOn: [approve]
    waitFor: { signal: confirm }
---
name: cli-on-event
on: [{ event: cli.ping }]
tasks: [{ key: a, type: core.noop, input: {} }]
`;
    let folder: string;
    let schedule: string;

    beforeAll(async () => {
      folder = join(work, 'applied');
      // Named to sort before the workflow it names: apply still registers definitions first.
      schedule = join(folder, 'a-nightly.json');
      await mkdir(folder);
      await writeFile(join(folder, 'gate.yaml'), GATE);
      await writeFile(schedule, JSON.stringify({ name: 'cli-nightly', workflow: 'cli-gate', cron: '0 3 * * *' }));
    });

    it('applies a folder of workflows and a schedule: created, then unchanged, then updated; schedules ls reads it', async () => {
      const first = await taskloom('apply', '-f', folder, '--json');
      expect(first).toMatchObject({ code: 0, stderr: '' });
      expect(JSON.parse(first.stdout)).toEqual([
        expect.objectContaining({ kind: 'workflow', name: 'cli-gate', version: 1, created: true }),
        expect.objectContaining({ kind: 'workflow', name: 'cli-on-event', version: 1, created: true }),
        { kind: 'schedule', file: schedule, name: 'cli-nightly', result: 'created' },
      ]);

      const again = await taskloom('apply', '-f', folder);
      expect(again.code).toBe(0);
      expect(again.stdout).toMatch(/schedule\s+cli-nightly\s+-\s+unchanged/);
      expect(again.stdout).toContain(
        '2 definition(s): 0 created, 2 unchanged\n1 schedule(s): 0 created, 0 updated, 1 unchanged',
      );

      await writeFile(
        schedule,
        JSON.stringify({
          kind: 'schedule',
          name: 'cli-nightly',
          workflow: 'cli-gate',
          cron: '0 4 * * *',
          paused: true,
        }),
      );
      expect((await taskloom('apply', '-f', schedule)).stdout).toMatch(/schedule\s+cli-nightly\s+-\s+updated/);

      const listed = await taskloom('schedules', 'ls', '--json');
      expect(listed.code).toBe(0);
      const page = JSON.parse(listed.stdout) as { items: { name: string; cron: string; paused: boolean }[] };
      expect(page.items).toEqual([expect.objectContaining({ name: 'cli-nightly', cron: '0 4 * * *', paused: true })]);
      expect((await taskloom('schedules', 'resume', 'cli-nightly')).stdout).toBe('schedule cli-nightly active\n');
      const table = await taskloom('schedules', 'ls');
      expect(table.stdout).toMatch(
        /^NAME\s+WORKFLOW\s+WHEN\s+STATE\s+NEXT\s+LAST\ncli-nightly\s+cli-gate\s+0 4 \* \* \*\s+active\s+\S+T04:00/,
      );
    });

    it('trigger starts a run that waits for a signal; signal delivers it, once per id, and an ended run refuses', async () => {
      const triggered = await taskloom('schedules', 'trigger', 'cli-nightly');
      expect(triggered.code).toBe(0);
      const id = /^run ([0-9a-f-]{36}) of cli-gate v1 /.exec(triggered.stdout)![1]!;
      await cluster.api.waitFor(
        async () => (await cluster.api.get<RunView>(`/api/v1/runs/${id}`)).body.tasks[0]?.status === 'waiting',
        'the approve task to wait',
      );

      const sent = await taskloom('signal', id, 'approval', '--payload', '{"by":"ana"}', '--id', 'approval-1');
      expect(sent).toMatchObject({ code: 0, stdout: `signal approval delivered to task approve of run ${id}\n` });
      const repeated = await taskloom(
        'signal',
        id,
        'approval',
        '--payload',
        '{"by":"bob"}',
        '--id',
        'approval-1',
        '--json',
      );
      expect(repeated).toMatchObject({ code: 0, stderr: '' });
      expect(JSON.parse(repeated.stdout)).toMatchObject({ outcome: 'duplicate', taskKey: 'approve' });
      // Delivered, or kept until confirm starts waiting: either way confirm takes it.
      expect((await taskloom('signal', id, 'confirm')).stdout).toMatch(/^signal confirm (delivered|kept)/);
      expect(await cluster.api.waitForRun<RunView>(id)).toMatchObject({ status: 'succeeded' });

      const late = await taskloom('signal', id, 'approval', '--id', 'approval-2');
      expect(late.code).toBe(3);
      expect(late.stderr).toMatch(/^taskloom: 409 /m);
    });

    it('backfills one run per fire time, once; get shows them; delete removes the schedule', async () => {
      const window = ['--from', '2026-01-01T00:00:00Z', '--to', '2026-01-02T23:59:59Z', '--json'];
      const first = await taskloom('schedules', 'backfill', 'cli-nightly', ...window);
      expect(first.code).toBe(0);
      const runs = (JSON.parse(first.stdout) as { runs: { fireTime: string; created: boolean }[] }).runs;
      expect(runs.map((run) => [run.fireTime, run.created])).toEqual([
        ['2026-01-01T04:00:00.000Z', true],
        ['2026-01-02T04:00:00.000Z', true],
      ]);
      const again = await taskloom('schedules', 'backfill', 'cli-nightly', ...window.slice(0, -1));
      expect(again.stdout).toContain('2 fire time(s): 0 run(s) started');

      const got = await taskloom('schedules', 'get', 'cli-nightly');
      expect(got.stdout).toMatch(/^schedule cli-nightly {2}cli-gate {2}0 4 \* \* \* {2}active\n/);
      expect(got.stdout).toContain('2026-01-02T04:00:00.000Z');

      expect((await taskloom('schedules', 'delete', 'cli-nightly')).stdout).toBe('schedule cli-nightly deleted\n');
      const gone = await taskloom('schedules', 'get', 'cli-nightly');
      expect(gone.code).toBe(3);
      expect(gone.stderr).toMatch(/^taskloom: 404 /m);
    });

    it('events send starts a run of the workflow listening, and the same key answers the same run', async () => {
      const sent = await taskloom('events', 'send', 'cli.ping', '--payload', '{"n":1}', '--key', 'ping-1');
      expect(sent.code).toBe(0);
      expect(sent.stdout).toMatch(
        /^event [0-9a-f-]{36}: 1 run\(s\) started\nRUN\s+WORKFLOW\s+VERSION\n[0-9a-f-]{36}\s+cli-on-event\s+1\n$/,
      );
      const runId = /\n([0-9a-f-]{36})\s+cli-on-event/.exec(sent.stdout)![1]!;

      const again = await taskloom('events', 'send', 'cli.ping', '--payload', '{"n":1}', '--key', 'ping-1', '--json');
      expect(JSON.parse(again.stdout)).toMatchObject({ runs: [{ workflow: 'cli-on-event', runId }], refused: [] });
      expect(await cluster.api.waitForRun<RunView>(runId)).toMatchObject({ status: 'succeeded' });
    });
  });
});
