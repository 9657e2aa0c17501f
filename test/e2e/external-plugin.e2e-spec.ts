import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Cluster } from '../support/cluster';
import { runCommand } from '../support/run-command';

const ROOT = path.resolve(__dirname, '../..');
const SDK_DIR = path.join(ROOT, 'libs/sdk');
const PLUGIN_NAME = '@acme/taskloom-plugin-greeter';

interface RunView {
  status: string;
  output: unknown;
  tasks: { key: string; status: string; output: unknown }[];
}

/**
 * A plugin author's whole path, outside this repository: pack the SDK as npm
 * would publish it, scaffold a plugin with its CLI, install the SDK from the
 * tarball, build and test the plugin with its own scripts, then load it into
 * an executor by absolute path and run a workflow that uses it.
 */
describe('a plugin written outside the repository with the packed SDK', () => {
  let work: string;
  let pluginDir: string;
  let cluster: Cluster | undefined;

  beforeAll(async () => {
    work = await mkdtemp(path.join(tmpdir(), 'taskloom-external-plugin-'));
    const { version } = JSON.parse(await readFile(path.join(SDK_DIR, 'package.json'), 'utf8')) as { version: string };
    await runCommand('npm', ['pack', '--pack-destination', work], { cwd: SDK_DIR });
    const tarball = path.join(work, `taskloom-sdk-${version}.tgz`);

    // The SDK's `taskloom` command, installed from the tarball (as `npx -p @taskloom/sdk taskloom` would, minus
    // npx's cache, which would keep a copy per run).
    const tools = path.join(work, 'tools');
    await mkdir(tools);
    // A package.json of its own, so npm installs here and not into some node_modules further up.
    await writeFile(path.join(tools, 'package.json'), '{ "private": true }\n');
    await runCommand('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', tarball], { cwd: tools });
    const created = await runCommand(
      path.join(tools, 'node_modules/.bin/taskloom-sdk'),
      ['plugin', 'new', PLUGIN_NAME],
      {
        cwd: work,
      },
    );
    pluginDir = path.join(work, 'taskloom-plugin-greeter');
    expect(created).toContain(`Created ${PLUGIN_NAME} in ${pluginDir} with task type greeter.greet`);

    await runCommand('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', tarball], {
      cwd: pluginDir,
      timeoutMs: 120_000,
    });
  });

  afterAll(async () => {
    await cluster?.stop();
    await rm(work, { recursive: true, force: true });
  });

  it("builds and passes the scaffold's own tests", async () => {
    const output = await runCommand('npm', ['test'], { cwd: pluginDir });
    expect(output).toMatch(/# pass 3\b|ℹ pass 3\b/);
    expect(output).toMatch(/# fail 0\b|ℹ fail 0\b/);
  });

  it('loads into an executor by absolute path and runs in a workflow', async () => {
    cluster = await Cluster.start('e2e-external-plugin', { PLUGINS: `@taskloom/plugin-core,${pluginDir}` });

    const types = await cluster.api.get<{ items: { type: string; plugin: { name: string } }[] }>('/api/v1/task-types');
    expect(types.body.items).toContainEqual(
      expect.objectContaining({ type: 'greeter.greet', plugin: expect.objectContaining({ name: PLUGIN_NAME }) }),
    );

    const registered = await cluster.api.post('/api/v1/workflows', {
      name: 'external-greeting',
      tasks: [
        { key: 'greet', type: 'greeter.greet', input: { name: '{{ run.input.name }}', excited: true } },
        { key: 'say', type: 'core.noop', dependsOn: ['greet'], input: { said: '{{ tasks.greet.output.greeting }}' } },
      ],
      output: { said: '{{ tasks.say.output.said }}' },
    });
    expect(registered.status).toBe(201);
    const started = await cluster.api.post<{ id: string }>('/api/v1/workflows/external-greeting/runs', {
      input: { name: 'Ada' },
    });
    expect(started.status).toBe(201);

    const run = await cluster.api.waitForRun<RunView>(started.body.id);
    expect(run.status).toBe('succeeded');
    expect(run.output).toEqual({ said: 'Hello, Ada!' });
    // The handler's log line is kept with its attempt.
    const [attempt] = await cluster.sql<{ logs: { msg: string }[] }>(
      `SELECT a.logs FROM task_attempts a JOIN tasks t ON t.id = a.task_id WHERE t.key = 'greet'`,
    );
    expect(attempt!.logs).toEqual([expect.objectContaining({ msg: 'greeting' })]);
  });
});
