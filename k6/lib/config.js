// Settings shared by every script, read from k6's __ENV (`k6 run -e NAME=value`).
// A bad value throws in the init context, so k6 stops before any load is sent
// instead of running an hour-long test with a typo in it.

export function env(name, fallback) {
  const value = __ENV[name];
  return value === undefined || value === '' ? fallback : value;
}

export function envNumber(name, fallback) {
  const raw = env(name, undefined);
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!isFinite(value)) throw new Error(name + ' must be a number, got "' + raw + '"');
  return value;
}

export function envPositive(name, fallback) {
  const value = envNumber(name, fallback);
  if (!(value > 0)) throw new Error(name + ' must be greater than 0, got ' + value);
  return value;
}

// A rate between 0 and 1 (ERROR_RATE=0.01 means 1 %).
export function envFraction(name, fallback) {
  const value = envNumber(name, fallback);
  if (!(value >= 0 && value <= 1)) throw new Error(name + ' must be between 0 and 1, got ' + value);
  return value;
}

// Duration in seconds; accepts k6 style ("90s", "1m30s", "1h", "250ms") or a
// bare number of seconds.
export function parseDuration(text, name) {
  const raw = String(text).trim();
  if (/^\d+(\.\d+)?$/.test(raw)) return Number(raw);
  const unit = { ms: 0.001, s: 1, m: 60, h: 3600 };
  const part = /(\d+(?:\.\d+)?)(ms|s|m|h)/g;
  let seconds = 0;
  let consumed = '';
  let match = part.exec(raw);
  while (match !== null) {
    seconds += Number(match[1]) * unit[match[2]];
    consumed += match[0];
    match = part.exec(raw);
  }
  if (consumed === '' || consumed !== raw) {
    throw new Error((name || 'duration') + ' must look like 30s, 5m, 1h or 1m30s, got "' + text + '"');
  }
  return seconds;
}

export function envDuration(name, fallback) {
  return parseDuration(env(name, fallback), name);
}

// k6 reads a bare number in a duration as milliseconds; always hand it units.
export function k6Duration(seconds) {
  return Math.round(seconds * 1000) + 'ms';
}

// Arrival-rate stages: "30s:100,1m:500" → [{ seconds: 30, target: 100 }, ...].
export function parseStages(text, name) {
  const stages = String(text)
    .split(',')
    .map(function (item) {
      const pieces = item.trim().split(':');
      const target = Number(pieces[1]);
      if (pieces.length !== 2 || !isFinite(target) || target < 0) {
        throw new Error(name + ' must look like "30s:100,1m:500" (duration:rate), got "' + item.trim() + '"');
      }
      return { seconds: parseDuration(pieces[0], name), target: target };
    });
  if (stages.length === 0) throw new Error(name + ' needs at least one stage');
  return stages;
}

export function toK6Stages(stages) {
  return stages.map(function (stage) {
    return { duration: k6Duration(stage.seconds), target: stage.target };
  });
}

// VUs for an arrival-rate executor. k6 starts an iteration only when a VU is
// free, so it needs rate × iteration time of them: preallocate for 100 ms
// iterations at the peak rate (a healthy API answers much faster; VUs created
// mid-test cost time right when the rate climbs) and allow up to one second
// per iteration — slow answers or Retry-After waits — before k6 reports
// dropped_iterations rather than exhausting the load generator's memory.
export function arrivalVUs(peakRate) {
  const preAllocatedVUs = envNumber('PRE_VUS', Math.max(5, Math.ceil(peakRate / 10)));
  const maxVUs = envNumber('MAX_VUS', Math.max(preAllocatedVUs, 20, Math.ceil(peakRate)));
  return { preAllocatedVUs: preAllocatedVUs, maxVUs: maxVUs };
}

// What every script needs to talk to Taskloom; `defaults` lets a script pick
// its own wait timeout (a stress run leaves a bigger backlog than a load run).
export function loadConfig(defaults) {
  const own = defaults || {};
  const workflow = env('WORKFLOW', 'noop');
  if (workflow !== 'noop' && workflow !== 'fanout') {
    throw new Error('WORKFLOW must be noop or fanout, got "' + workflow + '"');
  }
  const testId = env('TEST_ID', '');
  if (testId !== '' && !/^[A-Za-z0-9._-]{1,64}$/.test(testId)) {
    throw new Error('TEST_ID may hold only letters, digits, ".", "_" and "-" (at most 64)');
  }
  const waitTimeoutS = envDuration('WAIT_TIMEOUT', own.waitTimeout || '5m');
  return {
    baseUrl: env('BASE_URL', 'http://localhost:3000').replace(/\/+$/, ''),
    apiKey: env('API_KEY', ''),
    workflow: workflow,
    workflowName: env('WORKFLOW_NAME', 'k6-' + workflow),
    priority: env('PRIORITY', ''),
    testId: testId,
    waitTimeoutS: waitTimeoutS,
    // teardown() needs room for the wait plus the final listing of every run.
    teardownTimeout: k6Duration(waitTimeoutS + 120),
    pollIntervalS: envDuration('POLL_INTERVAL', '2s'),
    throttleRetries: envNumber('THROTTLE_RETRIES', 2),
    retryAfterMaxS: envDuration('RETRY_AFTER_MAX', '10s'),
    pageSize: envNumber('PAGE_SIZE', 500),
  };
}

export function jsonHeaders(cfg) {
  const headers = { 'Content-Type': 'application/json', Accept: 'application/json' };
  if (cfg.apiKey) headers.Authorization = 'Bearer ' + cfg.apiKey;
  return headers;
}

export function apiUrl(cfg, path) {
  return cfg.baseUrl + '/api/v1' + path;
}

export function queryString(params) {
  return Object.keys(params)
    .filter(function (key) {
      return params[key] !== undefined && params[key] !== null && params[key] !== '';
    })
    .map(function (key) {
      return encodeURIComponent(key) + '=' + encodeURIComponent(String(params[key]));
    })
    .join('&');
}

// Percentiles every script's summary shows; p(99) is not in k6's default list.
export const SUMMARY_TREND_STATS = ['avg', 'min', 'med', 'max', 'p(90)', 'p(95)', 'p(99)', 'count'];
