// Spike test: a steady BASE_RATE of run submissions, a sudden SPIKE_FACTOR×
// burst for SPIKE_DURATION, then the base rate again to watch Taskloom recover.
// During the burst Taskloom may push back with 429 + Retry-After; that is its
// documented backpressure, so it is not a failure here. What must hold: no
// other errors, base-rate latency before and after, and every accepted run
// finishing. See README.md.
//
//   k6 run -e BASE_RATE=100 -e SPIKE_FACTOR=10 k6/spike.js
import {
  arrivalVUs,
  env,
  envDuration,
  envFraction,
  envPositive,
  loadConfig,
  SUMMARY_TREND_STATS,
  toK6Stages,
} from './lib/config.js';
import { setupTest, teardownTest } from './lib/lifecycle.js';
import { startRun } from './lib/runs.js';
import { track } from './lib/summary.js';
import { elapsedSince, positionAt } from './lib/timeline.js';

const cfg = loadConfig({ waitTimeout: '5m' });
const BASE_RATE = envPositive('BASE_RATE', 100);
const SPIKE_RATE = BASE_RATE * envPositive('SPIKE_FACTOR', 10);
const P95_MS = envPositive('P95_MS', 50);
// The first seconds after the burst may still feel it; allow twice the base target.
const RECOVERY_P95_MS = envPositive('RECOVERY_P95_MS', 2 * P95_MS);
const ERROR_RATE = envFraction('ERROR_RATE', 0.01);
const SUCCESS_RATE = envFraction('SUCCESS_RATE', 1);
const CHECKS_RATE = envFraction('CHECKS_RATE', 0.99);
// The documented spike run starts Taskloom with a backlog limit the burst
// passes (README), so the burst must meet 429 + Retry-After; EXPECT_BACKPRESSURE=0
// for a system sized to take the whole burst.
const EXPECT_BACKPRESSURE = env('EXPECT_BACKPRESSURE', '1') !== '0';

// The stages, and the phase each one's requests are tagged with.
const STAGES = [
  { seconds: envDuration('BASE_DURATION', '1m'), target: BASE_RATE },
  { seconds: envDuration('SPIKE_RAMP', '5s'), target: SPIKE_RATE },
  { seconds: envDuration('SPIKE_DURATION', '30s'), target: SPIKE_RATE },
  { seconds: envDuration('SPIKE_RAMP', '5s'), target: BASE_RATE },
  { seconds: envDuration('RECOVERY_DURATION', '2m'), target: BASE_RATE },
];
const PHASES = ['base', 'spike', 'spike', 'recovery', 'recovery'];
const vus = arrivalVUs(SPIKE_RATE);

export const options = {
  scenarios: {
    submit: {
      executor: 'ramping-arrival-rate',
      startRate: BASE_RATE,
      timeUnit: '1s',
      stages: toK6Stages(STAGES),
      preAllocatedVUs: vus.preAllocatedVUs,
      maxVUs: vus.maxVUs,
    },
  },
  thresholds: {
    // 429s are expected statuses for start_run (runs.js), so only real errors count.
    'http_req_failed{scenario:submit}': ['rate<' + ERROR_RATE],
    'http_req_duration{name:start_run,phase:base}': ['p(95)<' + P95_MS],
    'http_req_duration{name:start_run,phase:spike}': track('p(95)'),
    'runs_throttled{phase:spike}': EXPECT_BACKPRESSURE ? ['count>0'] : track('count'),
    'http_req_duration{name:start_run,phase:recovery}': ['p(95)<' + RECOVERY_P95_MS],
    // Backpressure may refuse runs, but never lose one it accepted.
    runs_succeeded: ['rate>=' + SUCCESS_RATE],
    runs_unfinished: ['count==0'],
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
  const phase = PHASES[positionAt(BASE_RATE, STAGES, elapsedSince(data)).stage];
  startRun(cfg, data, { source: 'k6-spike' }, { phase: phase });
}

export function teardown(data) {
  teardownTest(cfg, data);
}
