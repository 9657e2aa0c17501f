import { API_PREFIX, DASHBOARD_PATH } from '@taskloom/api';
import { TERMINAL_RUN_STATUSES } from '@taskloom/engine';
import { DEMO_INPUT, DEMO_WORKFLOW } from './demo-workflow';

const TERMINAL: ReadonlySet<string> = new Set(TERMINAL_RUN_STATUSES);

/**
 * Registers the demo workflow through the public API, starts one run, prints
 * where to look, and reports how the run ended — the same calls a user makes.
 */
export async function runDemo(base: string, log: (line: string) => void, apiKey?: string): Promise<void> {
  const api = `${base}/${API_PREFIX}`;
  const headers: Record<string, string> = apiKey ? { authorization: `Bearer ${apiKey}` } : {};
  const registered = await post(`${api}/workflows`, DEMO_WORKFLOW, headers);
  const run = (await post(`${api}/workflows/${DEMO_WORKFLOW.name}/runs`, { input: DEMO_INPUT }, headers)) as {
    id: string;
  };
  const runUrl = `${api}/runs/${run.id}`;
  log(
    [
      'Taskloom is running.',
      `  API:      ${api}`,
      `  Docs:     ${base}/docs`,
      `  Dashboard: ${base}${DASHBOARD_PATH}`,
      `  Demo run: ${base}${DASHBOARD_PATH}/runs/${run.id}  (workflow ${DEMO_WORKFLOW.name} v${(registered as { version: number }).version}; JSON at ${runUrl})`,
    ].join('\n'),
  );
  for (let polls = 0; polls < 600; polls += 1) {
    const current = (await (await fetch(runUrl, { headers })).json()) as { status: string };
    if (TERMINAL.has(current.status)) {
      log(`Demo run ${run.id} ${current.status}: ${runUrl}`);
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  log(`Demo run ${run.id} has not finished after 60 s: ${runUrl}`);
}

async function post(url: string, body: unknown, headers: Record<string, string>): Promise<unknown> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { ...headers, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const payload: unknown = await response.json();
  if (!response.ok) throw new Error(`POST ${url} answered ${response.status}: ${JSON.stringify(payload)}`);
  return payload;
}
