import { ApiClient, freePort } from '../support/api-client';
import { AppProcess } from '../support/app-process';
import { createSuiteServices, type SuiteServices } from '../support/services';

interface RunView {
  status: string;
  tasks: { key: string; status: string; output: unknown }[];
}

describe('npm start: api, router and executor in one process with a demo run', () => {
  let services: SuiteServices;
  let standalone: AppProcess;

  beforeAll(async () => {
    services = await createSuiteServices('e2e-standalone');
  });

  afterAll(async () => {
    expect(await standalone?.stop()).toBe(0);
    await services?.dispose();
  });

  it('serves the API, prints where to look, and runs the demo to success with every task output', async () => {
    const port = await freePort();
    standalone = new AppProcess('standalone', { ...services.env, PORT: String(port), HOST: '127.0.0.1' }).start();
    await standalone.waitForLog(/Demo run [0-9a-f-]{36} succeeded/, 60_000);

    const output = standalone.logs();
    expect(output).toMatch(new RegExp(`API: +http://localhost:${port}/api/v1`));
    expect(output).toMatch(new RegExp(`Docs: +http://localhost:${port}/docs`));
    expect(output).toMatch(new RegExp(`Dashboard: +http://localhost:${port}/ui`));
    expect(output).toMatch(/auth is OFF/);
    const runId = /Demo run: +http:\/\/localhost:\d+\/ui\/runs\/([0-9a-f-]{36})/.exec(output)![1]!;

    const run = await new ApiClient(`http://127.0.0.1:${port}`).get<RunView>(`/api/v1/runs/${runId}`);
    expect(run.status).toBe(200);
    expect(run.body.status).toBe('succeeded');
    expect(run.body.tasks.length).toBeGreaterThan(1);
    for (const task of run.body.tasks) {
      expect(task.status).toBe('succeeded');
      expect(task.output).not.toBeUndefined();
    }
  });
});
