// setup() and teardown() shared by every script.
import { assertReady, registerWorkflow } from './workflows.js';
import { waitForRuns } from './runs.js';

function newTestId() {
  return Date.now().toString(36) + '-' + Math.random().toString(36).slice(2, 8);
}

// Checks Taskloom is up, registers the workflow and names this test run.
// Returns the setup data every VU and teardown() receive:
//   { testId, tag, workflow: { name, version }, startedAt }
export function setupTest(cfg) {
  assertReady(cfg);
  const workflow = registerWorkflow(cfg);
  const testId = cfg.testId || newTestId();
  console.log('test ' + testId + ': workflow ' + workflow.name + ' v' + workflow.version + ' at ' + cfg.baseUrl);
  // Last, so it marks the moment the scenario starts (see timeline.js).
  return { testId: testId, tag: 'k6:' + testId, workflow: workflow, startedAt: Date.now() };
}

// Waits for every run this test started to end, recording runs_succeeded and
// runs_unfinished (see runs.js).
export function teardownTest(cfg, data) {
  return waitForRuns(cfg, data, { timeoutS: cfg.waitTimeoutS });
}
