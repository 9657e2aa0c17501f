// Load test: a steady RATE of run submissions for DURATION, then a wait until
// every run it started has ended. Passes when Taskloom takes the rate within
// its latency targets and finishes the runs. With BATCH_SIZE > 1 each request
// starts that many runs through POST /workflows/{name}/runs:batch. See README.md.
//
//   k6 run -e RATE=200 -e DURATION=1m k6/load.js
//   k6 run -e RATE=2000 -e BATCH_SIZE=100 k6/load.js
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
import { startRun, startRunBatch } from './lib/runs.js';

const cfg = loadConfig({ waitTimeout: '5m' });
const RATE = envPositive('RATE', 200);
const DURATION_S = envDuration('DURATION', '1m');
const BATCH_SIZE = envPositive('BATCH_SIZE', 1);
if (BATCH_SIZE !== Math.floor(BATCH_SIZE)) throw new Error('BATCH_SIZE must be a whole number, got ' + BATCH_SIZE);
const BATCHED = BATCH_SIZE > 1;
const REQUEST = BATCHED ? 'start_run_batch' : 'start_run';
// A batch request writes BATCH_SIZE runs: its answer takes longer than one run's.
const P95_MS = envPositive('P95_MS', BATCHED ? 250 : 50);
const P99_MS = envPositive('P99_MS', BATCHED ? 500 : 100);
const ERROR_RATE = envFraction('ERROR_RATE', 0.01);
const SUCCESS_RATE = envFraction('SUCCESS_RATE', 0.99);
const CHECKS_RATE = envFraction('CHECKS_RATE', 0.99);
// At the planned rate Taskloom should not need to push back; allow a sliver.
const MAX_THROTTLED = Math.floor(RATE * DURATION_S * envFraction('MAX_THROTTLED_RATIO', 0.01));
const vus = arrivalVUs(RATE / BATCH_SIZE);

export const options = {
  scenarios: {
    submit: {
      executor: 'constant-arrival-rate',
      // RATE runs a second: RATE requests every BATCH_SIZE seconds.
      rate: RATE,
      timeUnit: BATCHED ? k6Duration(BATCH_SIZE) : '1s',
      duration: k6Duration(DURATION_S),
      preAllocatedVUs: vus.preAllocatedVUs,
      maxVUs: vus.maxVUs,
    },
  },
  thresholds: {
    'http_req_failed{scenario:submit}': ['rate<' + ERROR_RATE],
    ['http_req_duration{name:' + REQUEST + '}']: ['p(95)<' + P95_MS, 'p(99)<' + P99_MS],
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
  if (!BATCHED) {
    startRun(cfg, data, { source: 'k6-load', vu: __VU, iteration: __ITER });
    return;
  }
  const inputs = [];
  for (let item = 0; item < BATCH_SIZE; item++)
    inputs.push({ source: 'k6-load', vu: __VU, iteration: __ITER, item: item });
  startRunBatch(cfg, data, inputs);
}

export function teardown(data) {
  teardownTest(cfg, data);
}
