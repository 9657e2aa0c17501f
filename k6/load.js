// Load test: a steady RATE of run submissions for DURATION, then a wait until
// every run it started has ended. Passes when Taskloom takes the rate within
// its latency targets and finishes the runs. See README.md.
//
//   k6 run -e RATE=200 -e DURATION=1m k6/load.js
import {
  arrivalVUs,
  envDuration,
  envFraction,
  envPositive,
  k6Duration,
  loadConfig,
  SUMMARY_TREND_STATS,
} from './lib/config.js';
import { setupTest, teardownTest } from './lib/lifecycle.js';
import { startRun } from './lib/runs.js';

const cfg = loadConfig({ waitTimeout: '5m' });
const RATE = envPositive('RATE', 200);
const DURATION_S = envDuration('DURATION', '1m');
const P95_MS = envPositive('P95_MS', 50);
const P99_MS = envPositive('P99_MS', 100);
const ERROR_RATE = envFraction('ERROR_RATE', 0.01);
const SUCCESS_RATE = envFraction('SUCCESS_RATE', 0.99);
const CHECKS_RATE = envFraction('CHECKS_RATE', 0.99);
// At the planned rate Taskloom should not need to push back; allow a sliver.
const MAX_THROTTLED = Math.floor(RATE * DURATION_S * envFraction('MAX_THROTTLED_RATIO', 0.01));
const vus = arrivalVUs(RATE);

export const options = {
  scenarios: {
    submit: {
      executor: 'constant-arrival-rate',
      rate: RATE,
      timeUnit: '1s',
      duration: k6Duration(DURATION_S),
      preAllocatedVUs: vus.preAllocatedVUs,
      maxVUs: vus.maxVUs,
    },
  },
  thresholds: {
    'http_req_failed{scenario:submit}': ['rate<' + ERROR_RATE],
    'http_req_duration{name:start_run}': ['p(95)<' + P95_MS, 'p(99)<' + P99_MS],
    runs_succeeded: ['rate>' + SUCCESS_RATE],
    runs_throttled: ['count<=' + MAX_THROTTLED],
    checks: ['rate>' + CHECKS_RATE],
  },
  setupTimeout: '1m',
  teardownTimeout: cfg.teardownTimeout,
  summaryTrendStats: SUMMARY_TREND_STATS,
};

export function setup() {
  return setupTest(cfg);
}

export default function (data) {
  startRun(cfg, data, { source: 'k6-load', vu: __VU, iteration: __ITER });
}

export function teardown(data) {
  teardownTest(cfg, data);
}
