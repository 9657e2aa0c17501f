// Soak test: a steady RATE of run submissions for SOAK_DURATION (an hour by
// default) to surface what only time shows: leaks, growing tables or queues,
// slow drift in latency. Requests are tagged with the window they ran in; the
// last window must meet the same latency targets as the first, and
// handleSummary() reports how far latency drifted. See README.md.
//
//   k6 run -e RATE=50 -e SOAK_DURATION=1h k6/soak.js
import {
  arrivalVUs,
  env,
  envDuration,
  envFraction,
  envPositive,
  k6Duration,
  loadConfig,
  SUMMARY_TREND_STATS,
} from './lib/config.js';
import { setupTest, teardownTest } from './lib/lifecycle.js';
import { startRun } from './lib/runs.js';
import { formatMs, formatPercent, gatingThresholds, metricValue, thresholdLines } from './lib/summary.js';
import { elapsedSince } from './lib/timeline.js';

const cfg = loadConfig({ waitTimeout: '10m' });
const RATE = envPositive('RATE', 50);
const DURATION_S = envDuration('SOAK_DURATION', '1h');
const WINDOW_S = envDuration('DRIFT_WINDOW', '10m');
if (WINDOW_S * 2 > DURATION_S) throw new Error('DRIFT_WINDOW must be at most half of SOAK_DURATION');
const P95_MS = envPositive('P95_MS', 50);
const P99_MS = envPositive('P99_MS', 100);
const MAX_DRIFT = envPositive('MAX_DRIFT', 1.5);
// An hour of steady, moderate load should see next to no errors or pushback.
const ERROR_RATE = envFraction('ERROR_RATE', 0.001);
const SUCCESS_RATE = envFraction('SUCCESS_RATE', 0.999);
const CHECKS_RATE = envFraction('CHECKS_RATE', 0.999);
const MAX_THROTTLED = Math.floor(RATE * DURATION_S * envFraction('MAX_THROTTLED_RATIO', 0.001));
const SUMMARY_FILE = env('SUMMARY_FILE', 'soak-summary.json');
const vus = arrivalVUs(RATE);

const EARLY = 'http_req_duration{name:start_run,window:early}';
const LATE = 'http_req_duration{name:start_run,window:late}';

// Kept apart from `options`: k6 replaces the exported options with Go values
// before handleSummary(), where a threshold list is no longer an array.
const THRESHOLDS = {
  'http_req_failed{scenario:submit}': ['rate<' + ERROR_RATE],
  // k6 cannot compare two sub-metrics, so drift is bounded by asking the
  // last window to meet the targets the first one meets.
  [EARLY]: ['p(95)<' + P95_MS, 'p(99)<' + P99_MS],
  [LATE]: ['p(95)<' + P95_MS, 'p(99)<' + P99_MS],
  runs_succeeded: ['rate>' + SUCCESS_RATE],
  runs_throttled: ['count<=' + MAX_THROTTLED],
  checks: ['rate>' + CHECKS_RATE],
};

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
  thresholds: THRESHOLDS,
  setupTimeout: '1m',
  teardownTimeout: cfg.teardownTimeout,
  summaryTrendStats: SUMMARY_TREND_STATS,
};

function windowAt(elapsedS) {
  if (elapsedS < WINDOW_S) return 'early';
  if (elapsedS >= DURATION_S - WINDOW_S) return 'late';
  return 'middle';
}

export function setup() {
  return setupTest(cfg);
}

export default function (data) {
  startRun(cfg, data, { source: 'k6-soak' }, { window: windowAt(elapsedSince(data)) });
}

export function teardown(data) {
  teardownTest(cfg, data);
}

function ratio(late, early) {
  return late === null || early === null || early === 0 ? null : late / early;
}

function driftReport(data) {
  const early = {
    p95Ms: metricValue(data, EARLY, 'p(95)'),
    p99Ms: metricValue(data, EARLY, 'p(99)'),
    requests: metricValue(data, EARLY, 'count'),
  };
  const late = {
    p95Ms: metricValue(data, LATE, 'p(95)'),
    p99Ms: metricValue(data, LATE, 'p(99)'),
    requests: metricValue(data, LATE, 'count'),
  };
  const drift = { p95: ratio(late.p95Ms, early.p95Ms), p99: ratio(late.p99Ms, early.p99Ms) };
  return {
    windowS: WINDOW_S,
    early: early,
    late: late,
    drift: drift,
    maxDrift: MAX_DRIFT,
    drifted: (drift.p95 !== null && drift.p95 > MAX_DRIFT) || (drift.p99 !== null && drift.p99 > MAX_DRIFT),
    errorRate: metricValue(data, 'http_req_failed{scenario:submit}', 'rate'),
    runsSucceededRate: metricValue(data, 'runs_succeeded', 'rate'),
    runsUnfinished: metricValue(data, 'runs_unfinished', 'count') || 0,
    runsThrottled: metricValue(data, 'runs_throttled', 'count') || 0,
  };
}

function times(value) {
  return value === null ? '-' : value.toFixed(2) + '×';
}

export function handleSummary(data) {
  const report = driftReport(data);
  const lines = ['', 'Taskloom soak test: latency drift (start_run, first vs last ' + WINDOW_S + 's)', ''];
  lines.push('  early: p95 ' + formatMs(report.early.p95Ms) + ', p99 ' + formatMs(report.early.p99Ms));
  lines.push('  late:  p95 ' + formatMs(report.late.p95Ms) + ', p99 ' + formatMs(report.late.p99Ms));
  lines.push(
    '  drift: p95 ' +
      times(report.drift.p95) +
      ', p99 ' +
      times(report.drift.p99) +
      (report.drifted ? '  DRIFTED past ' : '  within ') +
      MAX_DRIFT +
      '×',
  );
  lines.push(
    '  errors ' +
      formatPercent(report.errorRate) +
      ', runs succeeded ' +
      formatPercent(report.runsSucceededRate) +
      ', unfinished ' +
      report.runsUnfinished,
  );
  lines.push('', '  Thresholds:');
  const stdout = lines
    .concat(thresholdLines(data, gatingThresholds(THRESHOLDS)), ['', '  Report written to ' + SUMMARY_FILE, ''])
    .join('\n');
  const out = { stdout: stdout };
  out[SUMMARY_FILE] = JSON.stringify(report, null, 2);
  return out;
}
