/// <reference lib="dom" />
// The callbacks passed to page.evaluate and waitForFunction run in the browser.
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import type { ApiClient } from '../support/api-client';
import { Browser } from '../support/browser';
import { Cluster } from '../support/cluster';

const ADMIN_KEY = `tlk_${randomBytes(16).toString('hex')}_${randomBytes(32).toString('hex')}`;
const SCREENSHOTS = join(__dirname, '..', '..', 'docs', 'screenshots');
const SUCCEEDED_GREEN = 'rgb(21, 128, 61)';
const FOREACH_ITEMS = 2000;
const WIDE_DAG_TASKS = 300;
/** "Renders within a few seconds" for the large runs and graphs. */
const LARGE_RENDER_MS = 5000;

interface RunView {
  id: string;
  status: string;
  input: unknown;
  tasks: { key: string; status: string }[];
}

const DIAMOND = {
  name: 'dash-diamond',
  description: 'Four sleeps in a diamond',
  tasks: [
    // Holds the rest blocked until the run's page has loaded, however slowly: the test sees them blocked first.
    { key: 'fetch', type: 'core.sleep', input: { ms: 3_000 } },
    { key: 'resize', type: 'core.sleep', dependsOn: ['fetch'], input: { ms: 700 } },
    { key: 'tag', type: 'core.sleep', dependsOn: ['fetch'], input: { ms: 700 } },
    { key: 'publish', type: 'core.noop', dependsOn: ['resize', 'tag'], input: { done: true } },
  ],
};

const FAILING = {
  name: 'dash-failing',
  tasks: [
    { key: 'prepare', type: 'core.noop', input: {} },
    {
      key: 'explode',
      type: 'core.fail',
      dependsOn: ['prepare'],
      input: { message: 'the warehouse said no', retryable: false },
    },
    { key: 'after', type: 'core.noop', dependsOn: ['explode'], input: {} },
  ],
};

const SLOW = { name: 'dash-slow', tasks: [{ key: 'wait', type: 'core.sleep', input: { ms: 120_000 } }] };

const ORDER = {
  name: 'dash-order',
  description: 'Starts from a form',
  inputSchema: {
    type: 'object',
    required: ['orderId', 'quantity'],
    properties: {
      orderId: { type: 'string', title: 'Order id', minLength: 3 },
      quantity: { type: 'integer', title: 'Quantity', minimum: 1 },
    },
  },
  tasks: [{ key: 'ship', type: 'core.noop', input: { orderId: '{{ run.input.orderId }}' } }],
};

const FANOUT = {
  name: 'dash-foreach',
  tasks: [
    { key: 'split', type: 'core.noop', input: {} },
    {
      key: 'each',
      type: 'core.noop',
      dependsOn: ['split'],
      forEach: '{{ run.input.items }}',
      input: { n: '{{ item }}' },
    },
    { key: 'merge', type: 'core.noop', dependsOn: ['each'], input: {} },
  ],
};

const CHILD = { name: 'dash-child', tasks: [{ key: 'inner', type: 'core.noop', input: {} }] };
const PARENT = {
  name: 'dash-parent',
  tasks: [
    { key: 'before', type: 'core.noop', input: {} },
    { key: 'sub', workflow: 'dash-child', dependsOn: ['before'], input: {} },
  ],
};

const APPROVAL = {
  name: 'dash-approval',
  tasks: [
    {
      key: 'approve',
      waitFor: {
        signal: 'approval',
        schema: { type: 'object', required: ['approved'], properties: { approved: { type: 'boolean' } } },
      },
    },
    { key: 'ship', type: 'core.noop', dependsOn: ['approve'], input: { decision: '{{ tasks.approve.output }}' } },
  ],
};

/** Ten stages of thirty tasks, each depending on one task of the stage before. */
function wideDag() {
  const width = WIDE_DAG_TASKS / 10;
  return {
    name: 'dash-wide',
    tasks: Array.from({ length: WIDE_DAG_TASKS }, (_, index) => {
      const stage = Math.floor(index / width);
      const key = `s${stage}-t${index % width}`;
      return {
        key,
        type: 'core.noop',
        input: {},
        ...(stage > 0 ? { dependsOn: [`s${stage - 1}-t${(index * 7) % width}`] } : {}),
      };
    }),
  };
}

/**
 * The dashboard in headless Chromium against real api, router and executor
 * processes with auth on: it signs in through the key prompt once, then
 * drives the pages as a person would. UPDATE_SCREENSHOTS=1 writes its screenshots to docs/screenshots.
 */
describe('dashboard in a real browser', () => {
  let cluster: Cluster;
  let admin: ApiClient;
  let browser: Browser;
  let page: Page;
  let ui: string;

  const start = async (workflow: string, input: unknown = {}): Promise<string> => {
    const started = await admin.post<{ id: string }>(`/api/v1/workflows/${workflow}/runs`, { input });
    expect(started.status).toBe(201);
    return started.body.id;
  };
  // The committed screenshots change only on request (UPDATE_SCREENSHOTS=1); otherwise the page is still rendered to an image.
  const shoot = (name: string) =>
    page.screenshot(process.env.UPDATE_SCREENSHOTS === '1' ? { path: join(SCREENSHOTS, `${name}.png`) } : {});
  const node = (key: string) => page.getByTestId(`task-node-${key}`);

  beforeAll(async () => {
    cluster = await Cluster.start('e2e-dashboard', { AUTH_ENABLED: 'true', AUTH_BOOTSTRAP_ADMIN_KEY: ADMIN_KEY });
    admin = cluster.api.withKey(ADMIN_KEY);
    for (const definition of [DIAMOND, FAILING, SLOW, ORDER, FANOUT, CHILD, PARENT, APPROVAL, wideDag()]) {
      const registered = await admin.post('/api/v1/workflows', definition);
      expect([200, 201]).toContain(registered.status);
    }
    ui = `${cluster.api.base}/ui`;
    browser = await Browser.launch();
    page = await browser.context.newPage();
  });

  afterAll(async () => {
    await browser?.close();
    await cluster?.stop();
  });

  it('serves the built app at /ui with a page for every path and a 404 for a missing file', async () => {
    const deep = await fetch(`${cluster.api.base}/ui/runs/anything`);
    expect(deep.status).toBe(200);
    expect(deep.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(await deep.text()).toContain('<div id="root">');
    expect((await fetch(`${cluster.api.base}/ui/assets/missing.js`)).status).toBe(404);
  });

  it('asks for a key once and keeps it in an HttpOnly cookie the API accepts only with X-Taskloom-UI', async () => {
    await page.goto(`${ui}/runs`);
    await page.getByLabel('API key').fill('tlk_not_a_key');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('alert').waitFor();
    expect(await page.getByRole('alert').textContent()).toMatch(/not valid/);
    await shoot('sign-in');

    await page.getByLabel('API key').fill(ADMIN_KEY);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Runs' }).waitFor();

    const [cookie] = await browser.context.cookies();
    expect(cookie).toMatchObject({ name: 'taskloom_ui_key', httpOnly: true, sameSite: 'Strict', path: '/' });
    const withCookie = { cookie: `${cookie!.name}=${cookie!.value}` };
    expect((await fetch(`${cluster.api.base}/api/v1/runs`, { headers: withCookie })).status).toBe(401);
    const fromUi = await fetch(`${cluster.api.base}/api/v1/runs`, { headers: { ...withCookie, 'x-taskloom-ui': '1' } });
    expect(fromUi.status).toBe(200);

    await page.reload();
    await page.getByRole('heading', { name: 'Runs' }).waitFor();
    expect(await page.getByLabel('API key').count()).toBe(0);
  });

  it("shows every task of a run's graph and turns each green as it succeeds", async () => {
    const runId = await start('dash-diamond');
    await page.goto(`${ui}/runs/${runId}`);
    for (const task of DIAMOND.tasks) await node(task.key).waitFor();
    const first = await Promise.all(DIAMOND.tasks.map((task) => node(task.key).getAttribute('data-status')));
    expect(first).toContain('blocked');

    await page.waitForFunction(
      (keys) =>
        keys.every(
          (key) =>
            document.querySelector(`[data-testid="task-node-${key}"]`)?.getAttribute('data-status') === 'succeeded',
        ),
      DIAMOND.tasks.map((task) => task.key),
      { timeout: 30_000 },
    );
    for (const task of DIAMOND.tasks) {
      expect(await node(task.key).evaluate((element) => getComputedStyle(element).borderColor)).toBe(SUCCEEDED_GREEN);
    }
    await page.locator('.run-head .badge[data-status="succeeded"]').waitFor();
    expect(await page.locator('.react-flow__edge').count()).toBe(4);
    await node('resize').click();
    await page.getByTestId('task-panel').getByText('"sleptMs"').waitFor();
    await shoot('run');

    await page.getByRole('tab', { name: 'Timeline' }).click();
    await page.getByTestId('timeline').waitFor();
    expect(await page.locator('.timeline-row').count()).toBe(4);
    await shoot('run-timeline');
    const attempts = await admin.get<{ items: { taskKey: string; status: string }[] }>(
      `/api/v1/runs/${runId}/attempts`,
    );
    expect(attempts.body.items.map((attempt) => attempt.taskKey).sort()).toEqual(['fetch', 'publish', 'resize', 'tag']);
  });

  it("shows a failed task's error and its log lines", async () => {
    const runId = await start('dash-failing');
    await cluster.api.withKey(ADMIN_KEY).waitForRun(runId);
    await page.goto(`${ui}/runs/${runId}?task=explode`);
    await page.getByTestId('task-error').waitFor();
    expect(await page.getByTestId('task-error').textContent()).toContain('the warehouse said no');
    expect(await page.getByTestId('attempt-logs').textContent()).toContain('failing on purpose');
    expect(await node('explode').getAttribute('data-status')).toBe('failed');
    expect(await node('after').getAttribute('data-status')).toBe('skipped');
    await page.getByRole('button', { name: 'Retry' }).waitFor();
    await shoot('failed-task');
  });

  it('cancels the run from its page after a confirmation', async () => {
    const runId = await start('dash-slow');
    await page.goto(`${ui}/runs/${runId}`);
    await page.locator('[data-testid="task-node-wait"][data-status="running"]').waitFor({ timeout: 30_000 });
    await page.getByRole('button', { name: 'Cancel', exact: true }).click();
    await page.getByRole('button', { name: 'Keep it' }).click();
    expect((await admin.get<RunView>(`/api/v1/runs/${runId}`)).body.status).toBe('running');

    await page.getByRole('button', { name: 'Cancel', exact: true }).click();
    await page.getByRole('button', { name: 'Confirm cancel' }).click();
    await page.locator('.run-head .badge[data-status="cancelled"]').waitFor();
    const run = await admin.get<RunView>(`/api/v1/runs/${runId}`);
    expect(run.body.status).toBe('cancelled');
    expect(run.body.tasks[0]!.status).toBe('cancelled');
  });

  it('shows a waiting signal task and sends its signal from the task panel', async () => {
    const runId = await start('dash-approval');
    await page.goto(`${ui}/runs/${runId}?task=approve`);
    await page.locator('[data-testid="task-node-approve"][data-status="waiting"]').waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('why-waiting').textContent()).toContain("Waiting for the signal 'approval'");
    const form = page.getByTestId('signal-form');
    await form.locator('textarea').fill('{"approved": "yes"}');
    await form.getByRole('button', { name: 'Send signal' }).click();
    await form.getByRole('alert').waitFor();
    expect(await form.getByRole('alert').textContent()).toMatch(/payload does not match the schema/);
    await shoot('signal');

    await form.locator('textarea').fill('{"approved": true}');
    await form.getByRole('button', { name: 'Send signal' }).click();
    await page.locator('[data-testid="task-node-ship"][data-status="succeeded"]').waitFor({ timeout: 30_000 });
    const run = await admin.waitForRun<{ status: string; tasks: { key: string; output: unknown }[] }>(runId);
    expect(run.status).toBe('succeeded');
    expect(run.tasks.find((task) => task.key === 'approve')!.output).toEqual({ approved: true });
  });

  it('validates the start-run form against the inputSchema, then starts the run', async () => {
    await page.goto(`${ui}/workflows/dash-order`);
    await page.getByTestId('start-form').waitFor();
    await page.getByLabel('Order id').fill('ab');
    await page.getByRole('button', { name: 'Start run' }).click();
    await page.locator('.start-form .errors').waitFor();
    const errors = await page.locator('.start-form .errors').textContent();
    expect(errors).toMatch(/fewer than 3 characters/);
    expect(errors).toMatch(/quantity/i);
    await shoot('workflow');
    expect((await admin.get<{ items: unknown[] }>('/api/v1/runs?workflow=dash-order')).body.items).toHaveLength(0);

    await page.getByLabel('Order id').fill('A-1001');
    await page.getByLabel('Quantity').fill('2');
    await page.getByRole('button', { name: 'Start run' }).click();
    await page.waitForURL(/\/ui\/runs\/[0-9a-f-]{36}$/);
    const runId = /runs\/([0-9a-f-]{36})$/.exec(page.url())![1]!;
    expect((await admin.get<RunView>(`/api/v1/runs/${runId}`)).body.input).toEqual({ orderId: 'A-1001', quantity: 2 });
  });

  it(`renders a ${FOREACH_ITEMS}-item forEach run as one group node within a few seconds`, async () => {
    const runId = await start('dash-foreach', { items: Array.from({ length: FOREACH_ITEMS }, (_, index) => index) });
    await cluster.api
      .withKey(ADMIN_KEY)
      .waitFor(
        async () =>
          (await admin.get<RunView>(`/api/v1/runs/${runId}`)).body.tasks.find((task) => task.key === 'each')!.status !==
          'blocked',
        'the forEach to start',
      );
    const opened = Date.now();
    await page.goto(`${ui}/runs/${runId}`);
    await page
      .getByTestId('progress-each')
      .filter({ hasText: `/${FOREACH_ITEMS}` })
      .waitFor();
    expect(Date.now() - opened).toBeLessThan(LARGE_RENDER_MS);
    expect(await page.locator('.react-flow__node').count()).toBe(3);
    await page
      .getByTestId('progress-each')
      .filter({ hasText: `${FOREACH_ITEMS}/${FOREACH_ITEMS}` })
      .waitFor({ timeout: 60_000 });
    await node('each').click();
    await page.getByTestId('task-panel').getByText(`Items ${FOREACH_ITEMS}/${FOREACH_ITEMS}`).waitFor();
    await shoot('foreach-run');
  });

  it(`lays out a ${WIDE_DAG_TASKS}-task definition within a few seconds`, async () => {
    const opened = Date.now();
    await page.goto(`${ui}/workflows/dash-wide`);
    await node('s0-t0').waitFor();
    expect(Date.now() - opened).toBeLessThan(LARGE_RENDER_MS);
    const positions = await Promise.all(
      ['s0-t0', 's1-t0', 's9-t0'].map((key) => node(key).evaluate((element) => element.getBoundingClientRect().x)),
    );
    // Left to right: each stage sits right of the one it depends on.
    expect(positions[0]).toBeLessThan(positions[1]!);
    expect(positions[1]).toBeLessThan(positions[2]!);
  });

  it('links a sub-workflow node to its child run', async () => {
    const runId = await start('dash-parent');
    await cluster.api.withKey(ADMIN_KEY).waitForRun(runId);
    const children = await admin.get<{ items: { taskKey: string; id: string; workflow: string }[] }>(
      `/api/v1/runs/${runId}/children`,
    );
    expect(children.body.items).toEqual([expect.objectContaining({ taskKey: 'sub', workflow: 'dash-child' })]);
    await page.goto(`${ui}/runs/${runId}`);
    await node('sub')
      .getByRole('link', { name: /child run/ })
      .click();
    await page.waitForURL(`${ui}/runs/${children.body.items[0]!.id}`);
    await node('inner').waitFor();
  });

  it('lists runs newest first with filters, and shows operations', async () => {
    await page.goto(`${ui}/runs`);
    await page.locator('tr[data-run-id]').first().waitFor();
    expect(await page.locator('tr[data-run-id]').count()).toBeGreaterThanOrEqual(7);
    await shoot('runs');
    await page.getByLabel('Status').selectOption('failed');
    await page.waitForURL(/status=failed/);
    await page.waitForFunction(() => document.querySelectorAll('tr[data-run-id]').length === 1);
    expect(await page.locator('tr[data-run-id] .badge').textContent()).toBe('failed');

    const future = new Date(Date.now() + 3600_000).toISOString();
    expect((await admin.get<{ items: unknown[] }>(`/api/v1/runs?since=${future}`)).body.items).toHaveLength(0);
    expect(
      (await admin.get<{ items: unknown[] }>(`/api/v1/runs?until=${future}&status=failed`)).body.items,
    ).toHaveLength(1);
    expect((await admin.get('/api/v1/runs?since=yesterday')).status).toBe(400);

    await page.getByRole('link', { name: 'Operations' }).click();
    await page.getByTestId('queues').locator('tbody tr').first().waitFor();
    expect(await page.getByRole('link', { name: /bull-board/ }).getAttribute('href')).toBe('/admin/queues');
    await shoot('operations');
  });

  it('stays readable at phone width', async () => {
    const runId = await start('dash-diamond');
    await cluster.api.withKey(ADMIN_KEY).waitForRun(runId);
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${ui}/runs/${runId}?task=tag`);
    await node('publish').waitFor();
    await page.getByTestId('task-panel').waitFor();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await shoot('run-phone');
    await page.setViewportSize({ width: 1280, height: 800 });
  });

  it("follows the key's tenant and scopes: a read key of another tenant sees none of these runs and no controls", async () => {
    const created = await admin.post<{ key: string }>('/api/v1/admin/api-keys', {
      name: 'acme viewer',
      tenant: 'acme',
      scopes: ['read'],
    });
    expect(created.status).toBe(201);
    const someRun = await start('dash-slow');
    await page.goto(`${ui}/runs`);
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByLabel('API key').fill(created.body.key);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.locator('.who strong', { hasText: 'acme' }).waitFor();
    await page.getByText('No runs match.').waitFor();
    expect(await page.getByRole('link', { name: 'Operations' }).count()).toBe(0);
    await page.goto(`${ui}/runs/${someRun}`);
    await page.getByText(`run ${someRun} not found`).waitFor();
    await admin.post(`/api/v1/runs/${someRun}/cancel`);
  });
});
