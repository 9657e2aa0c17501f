// Stress test: the arrival rate of run submissions climbs through STAGES until
// Taskloom breaks. Each stage has its own error-rate, p99 and 429-share
// thresholds with abortOnFail, so k6 stops at the first stage that fails them, and
// handleSummary() reports the highest rate Taskloom handled. See README.md.
//
//   k6 run -e STAGES=30s:100,30s:500,30s:1000,30s:2000 k6/stress.js
import { Gauge } from 'k6/metrics';
import {
  arrivalVUs,
  env,
  envDuration,
  envFraction,
  envPositive,
  k6Duration,
  loadConfig,
  parseStages,
  SUMMARY_TREND_STATS,
  toK6Stages,
} from './lib/config.js';
import { setupTest, teardownTest } from './lib/lifecycle.js';
import { startRun } from './lib/runs.js';
import {
  formatMs,
  formatPercent,
  gatingThresholds,
  metricValue,
  pad,
  thresholdLines,
  thresholdsOk,
  track,
} from './lib/summary.js';
import { elapsedSince, positionAt, stageBounds } from './lib/timeline.js';

const cfg = loadConfig({ waitTimeout: '10m' });
const START_RATE = envPositive('START_RATE', 50);
const STAGES = parseStages(env('STAGES', '30s:100,30s:200,30s:400,30s:700,30s:1000,30s:1500,30s:2000'), 'STAGES');
const ERROR_RATE = envFraction('ERROR_RATE', 0.05);
const P99_MS = envPositive('P99_MS', 1000);
// Refusing work with 429 is graceful, but past this share Taskloom is no
// longer serving the rate: the stage counts as saturated.
const THROTTLE_RATE = envFraction('THROTTLE_RATE', 0.05);
const ABORT_DELAY_S = envDuration('ABORT_DELAY', '10s');
const SUCCESS_RATE = envFraction('SUCCESS_RATE', 0.99);
const SUMMARY_FILE = env('SUMMARY_FILE', 'stress-summary.json');

const PEAK_RATE = STAGES.reduce(function (peak, stage) {
  return Math.max(peak, stage.target);
}, START_RATE);
const vus = arrivalVUs(PEAK_RATE);

// The target arrival rate at each iteration's start; its max is how far the
// ramp got before k6 stopped it.
const targetRate = new Gauge('stress_target_rate');

function abortOnFail(expression) {
  return { threshold: expression, abortOnFail: true, delayAbortEval: k6Duration(ABORT_DELAY_S) };
}

// Per stage rather than over the whole test: after minutes of healthy traffic
// a whole-test error rate would take long to cross any limit, and the stage
// where it failed would be unknown.
function stageThresholds() {
  const thresholds = {};
  for (let i = 0; i < STAGES.length; i++) {
    thresholds['http_req_failed{stage:' + i + '}'] = [abortOnFail('rate<' + ERROR_RATE)];
    thresholds['http_req_duration{name:start_run,stage:' + i + '}'] = [abortOnFail('p(99)<' + P99_MS)];
    thresholds['start_run_throttled{stage:' + i + '}'] = [abortOnFail('rate<' + THROTTLE_RATE)];
    thresholds['http_reqs{stage:' + i + '}'] = track('count');
  }
  return thresholds;
}

// Kept apart from `options`: k6 replaces the exported options with Go values
// before handleSummary(), where a threshold list is no longer an array.
const THRESHOLDS = Object.assign(stageThresholds(), {
  // Runs Taskloom accepted must still finish, even past its breaking point.
  runs_succeeded: ['rate>' + SUCCESS_RATE],
});

export const options = {
  scenarios: {
    submit: {
      executor: 'ramping-arrival-rate',
      startRate: START_RATE,
      timeUnit: '1s',
      stages: toK6Stages(STAGES),
      preAllocatedVUs: vus.preAllocatedVUs,
      maxVUs: vus.maxVUs,
    },
  },
  thresholds: THRESHOLDS,
  setupTimeout: '1m',
  teardownTimeout: cfg.teardownTimeout,
  summaryTrendStats: SUMMARY_TREND_STATS,
};

export function setup() {
  return setupTest(cfg);
}

export default function (data) {
  const position = positionAt(START_RATE, STAGES, elapsedSince(data));
  targetRate.add(position.rate);
  startRun(cfg, data, { source: 'k6-stress' }, { stage: String(position.stage) });
}

export function teardown(data) {
  teardownTest(cfg, data);
}

// The first stage that failed its thresholds is where Taskloom broke; every
// rate below that stage's starting rate was handled by the stages before it.
function breakingPoint(data) {
  const stages = stageBounds(START_RATE, STAGES).map(function (b) {
    const failed = 'http_req_failed{stage:' + b.stage + '}';
    const latency = 'http_req_duration{name:start_run,stage:' + b.stage + '}';
    const throttled = 'start_run_throttled{stage:' + b.stage + '}';
    const requests = metricValue(data, 'http_reqs{stage:' + b.stage + '}', 'count') || 0;
    return {
      stage: b.stage,
      fromRate: b.fromRate,
      toRate: b.toRate,
      startS: b.startS,
      endS: b.endS,
      requests: requests,
      // null for a stage the test never reached (k6 reports zeros there).
      errorRate: requests === 0 ? null : metricValue(data, failed, 'rate'),
      p99Ms: requests === 0 ? null : metricValue(data, latency, 'p(99)'),
      throttledRate: requests === 0 ? null : metricValue(data, throttled, 'rate'),
      healthy:
        requests === 0
          ? null
          : thresholdsOk(data, failed) !== false &&
            thresholdsOk(data, latency) !== false &&
            thresholdsOk(data, throttled) !== false,
    };
  });
  let broken = null;
  for (let i = 0; i < stages.length && broken === null; i++) {
    if (stages[i].healthy === false) broken = stages[i];
  }
  const reached = stages.filter(function (s) {
    return s.requests > 0;
  });
  const peakTargetRate = metricValue(data, 'stress_target_rate', 'max');
  let highestHealthyRate = null;
  if (broken !== null) {
    highestHealthyRate = broken.stage > 0 ? broken.fromRate : null;
  } else if (reached.length > 0) {
    highestHealthyRate = peakTargetRate !== null ? peakTargetRate : reached[reached.length - 1].toRate;
  }
  return {
    broke: broken !== null,
    brokenStage: broken === null ? null : broken.stage,
    highestHealthyRate: highestHealthyRate,
    peakTargetRate: peakTargetRate,
    limits: { errorRate: ERROR_RATE, p99Ms: P99_MS, throttleRate: THROTTLE_RATE, abortDelayS: ABORT_DELAY_S },
    stages: stages,
    droppedIterations: metricValue(data, 'dropped_iterations', 'count') || 0,
    runsThrottled: metricValue(data, 'runs_throttled', 'count') || 0,
    runsSucceededRate: metricValue(data, 'runs_succeeded', 'rate'),
    runsUnfinished: metricValue(data, 'runs_unfinished', 'count') || 0,
    testRunDurationMs: data.state ? data.state.testRunDurationMs : null,
  };
}

function formatRate(rate) {
  return rate === null ? '-' : Math.round(rate) + '/s';
}

function formatReport(report, data) {
  const lines = ['', 'Taskloom stress test: breaking point', ''];
  lines.push(
    '  ' +
      pad('stage', 7) +
      pad('target rate', 18) +
      pad('requests', 10) +
      pad('errors', 9) +
      pad('p99', 10) +
      pad('429', 9) +
      'result',
  );
  report.stages.forEach(function (s) {
    const result = s.healthy === null ? 'not reached' : s.healthy ? 'ok' : 'FAILED';
    lines.push(
      '  ' +
        pad(s.stage, 7) +
        pad(formatRate(s.fromRate) + ' → ' + formatRate(s.toRate), 18) +
        pad(s.requests, 10) +
        pad(formatPercent(s.errorRate), 9) +
        pad(formatMs(s.p99Ms), 10) +
        pad(formatPercent(s.throttledRate), 9) +
        result,
    );
  });
  lines.push('');
  if (report.broke) {
    lines.push(
      '  Broke in stage ' +
        report.brokenStage +
        ' (errors ≥ ' +
        formatPercent(ERROR_RATE) +
        ', p99 ≥ ' +
        P99_MS +
        'ms or 429s ≥ ' +
        formatPercent(THROTTLE_RATE) +
        ').',
    );
    lines.push(
      report.highestHealthyRate === null
        ? '  Highest healthy arrival rate: below START_RATE (' + START_RATE + '/s); lower it to find the limit.'
        : '  Highest healthy arrival rate: ' +
            formatRate(report.highestHealthyRate) +
            ' (every stage up to it passed).',
    );
  } else {
    lines.push(
      '  Did not break: highest arrival rate reached ' +
        formatRate(report.highestHealthyRate) +
        '; raise STAGES to go further.',
    );
  }
  lines.push(
    '  Peak target rate reached: ' + formatRate(report.peakTargetRate) + ' (includes the seconds k6 takes to abort).',
  );
  lines.push(
    '  Dropped iterations (k6 had no free VU): ' +
      report.droppedIterations +
      '; 429 answers: ' +
      report.runsThrottled +
      '.',
  );
  lines.push(
    '  Runs accepted that succeeded: ' +
      formatPercent(report.runsSucceededRate) +
      ', still unfinished at teardown: ' +
      report.runsUnfinished +
      '.',
  );
  lines.push('', '  Thresholds (stages reached):');
  const unreached = report.stages
    .filter(function (s) {
      return s.healthy === null;
    })
    .map(function (s) {
      return 'stage:' + s.stage + '}';
    });
  const shown = gatingThresholds(THRESHOLDS).filter(function (name) {
    return !unreached.some(function (suffix) {
      return name.slice(-suffix.length) === suffix;
    });
  });
  return lines.concat(thresholdLines(data, shown), ['', '  Report written to ' + SUMMARY_FILE, '']).join('\n');
}

export function handleSummary(data) {
  const report = breakingPoint(data);
  const out = { stdout: formatReport(report, data) };
  out[SUMMARY_FILE] = JSON.stringify(report, null, 2);
  return out;
}
