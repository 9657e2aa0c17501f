// Starting runs, and finding out in teardown() how they ended.
//
// k6 VUs share no memory, so no VU can hand the ids it started to teardown().
// Instead every run carries the tag "k6:<test id>" (made in setup()) and
// teardown() finds them again with GET /api/v1/runs?workflow=…&tag=….
import http from 'k6/http';
import { check, sleep } from 'k6';
import { Counter, Rate, Trend } from 'k6/metrics';
import { apiUrl, jsonHeaders, queryString } from './config.js';

export const runsStarted = new Counter('runs_started');
// A 429 is Taskloom's documented backpressure (DESIGN invariant 5), not an
// error: it is counted here and its Retry-After obeyed.
export const runsThrottled = new Counter('runs_throttled');
// Share of start_run answers that were 429, tagged like the request, so the
// stress test can tell per stage how much work Taskloom refused.
export const startThrottled = new Rate('start_run_throttled');
export const retryAfter = new Trend('runs_retry_after_s');
export const runsSucceeded = new Rate('runs_succeeded');
export const runsUnfinished = new Counter('runs_unfinished');

export const TERMINAL = ['succeeded', 'failed', 'cancelled'];
export const OPEN = ['pending', 'running', 'paused'];

// 429 is expected so throttling does not count in http_req_failed.
const SUBMIT_EXPECTED = http.expectedStatuses(200, 201, 429);
const MAX_LOGGED_ERRORS = 5;
let loggedErrors = 0;

function logError(message) {
  if (loggedErrors < MAX_LOGGED_ERRORS) console.warn(message);
  loggedErrors++;
}

function header(res, name) {
  const headers = res.headers || {};
  const wanted = name.toLowerCase();
  for (const key in headers) {
    if (key.toLowerCase() === wanted) return headers[key];
  }
  return undefined;
}

// Retry-After is delay-seconds or an HTTP date (RFC 9110 §10.2.3).
export function retryAfterSeconds(res) {
  const value = header(res, 'Retry-After');
  if (value === undefined || value === '') return null;
  if (/^\d+$/.test(String(value).trim())) return Number(value);
  const at = Date.parse(value);
  return isNaN(at) ? null : Math.max(0, (at - Date.now()) / 1000);
}

// POST, obeying backpressure: a 429 is counted, its Retry-After obeyed (capped
// so one answer cannot park a VU for long) and the same payload sent again, at
// most THROTTLE_RETRIES times. Returns the first answer that is not 429, or
// null when still throttled.
function postObeyingBackpressure(cfg, url, payload, params) {
  const tags = params.tags;
  for (let attempt = 0; ; attempt++) {
    const res = http.post(url, payload, params);
    startThrottled.add(res.status === 429, tags);
    if (res.status !== 429) return res;
    const waitS = retryAfterSeconds(res);
    runsThrottled.add(1, tags);
    if (waitS !== null) retryAfter.add(waitS);
    check(res, {
      'throttled answer has Retry-After': function () {
        return waitS !== null;
      },
    });
    if (attempt >= cfg.throttleRetries) return null;
    sleep(Math.min(waitS === null ? 1 : waitS, cfg.retryAfterMaxS));
  }
}

// One run start's body; `key` is its idempotency key, the same on every retry,
// so a 429 retried after a lost answer cannot start a run twice.
function runBody(cfg, data, input, key) {
  const body = { input: input || {}, version: data.workflow.version, tags: [data.tag], idempotencyKey: key };
  if (cfg.priority) body.priority = cfg.priority;
  return body;
}

// POST /api/v1/workflows/{name}/runs. Returns { id, status }, or null when the
// run was not started (still throttled after THROTTLE_RETRIES, or an error).
// `requestTags` lets a script label the request (stage, phase, window).
export function startRun(cfg, data, input, requestTags) {
  const url = apiUrl(cfg, '/workflows/' + encodeURIComponent(data.workflow.name) + '/runs');
  const body = runBody(cfg, data, input, data.testId + '-' + __VU + '-' + __ITER);
  const tags = Object.assign({ name: 'start_run' }, requestTags || {});
  const params = { headers: jsonHeaders(cfg), tags: tags, responseCallback: SUBMIT_EXPECTED };
  const res = postObeyingBackpressure(cfg, url, JSON.stringify(body), params);
  if (res === null) return null;
  const run = res.status === 201 || res.status === 200 ? safeJson(res) : null;
  const ok = check(res, {
    'start_run answered 201': function (r) {
      return r.status === 201 || r.status === 200;
    },
    'start_run returned a run id': function () {
      return run !== null && typeof run.id === 'string' && run.id !== '';
    },
  });
  if (!ok) {
    logError('start_run ' + res.status + ': ' + String(res.body).slice(0, 300) + (res.error ? ' ' + res.error : ''));
    return null;
  }
  runsStarted.add(1);
  return { id: run.id, status: run.status };
}

// POST /api/v1/workflows/{name}/runs:batch: one request starts a run per
// input. Returns { started, rejected } (items created or matched by their
// idempotency key, and items refused), or null when the request as a whole
// was not answered 200 (still throttled, or an error).
export function startRunBatch(cfg, data, inputs, requestTags) {
  const url = apiUrl(cfg, '/workflows/' + encodeURIComponent(data.workflow.name) + '/runs:batch');
  const runs = inputs.map(function (input, index) {
    return runBody(cfg, data, input, data.testId + '-' + __VU + '-' + __ITER + '-' + index);
  });
  const tags = Object.assign({ name: 'start_run_batch' }, requestTags || {});
  const params = { headers: jsonHeaders(cfg), tags: tags, responseCallback: SUBMIT_EXPECTED };
  const res = postObeyingBackpressure(cfg, url, JSON.stringify({ runs: runs }), params);
  if (res === null) return null;
  const body = res.status === 200 ? safeJson(res) : null;
  const items = body !== null && Array.isArray(body.items) ? body.items : null;
  const ok = check(res, {
    'start_run_batch answered 200': function (r) {
      return r.status === 200;
    },
    'start_run_batch answered every item': function () {
      return items !== null && items.length === runs.length;
    },
  });
  if (!ok) {
    logError(
      'start_run_batch ' + res.status + ': ' + String(res.body).slice(0, 300) + (res.error ? ' ' + res.error : ''),
    );
    return null;
  }
  let started = 0;
  let rejected = 0;
  for (let i = 0; i < items.length; i++) {
    if (items[i].result === 'created' || items[i].result === 'existing') {
      started++;
    } else {
      rejected++;
      logError('start_run_batch item ' + i + ' rejected: ' + JSON.stringify(items[i].error).slice(0, 300));
    }
  }
  check(items, {
    'start_run_batch started every item': function () {
      return rejected === 0;
    },
  });
  runsStarted.add(started);
  return { started: started, rejected: rejected };
}

function safeJson(res) {
  try {
    return res.json();
  } catch (e) {
    logError('answer is not JSON (' + e + '): ' + String(res.body).slice(0, 200));
    return null;
  }
}

// Whether the server honours ?tag=. An API whose query schema is strict
// answers 400 to an unknown parameter; then the tag is matched client-side.
let tagFilter = true;

function pageItems(body) {
  if (Array.isArray(body)) return body;
  if (body && Array.isArray(body.items)) return body.items;
  return [];
}

// The run belongs to this test. Items are checked even when the server filtered
// on the tag, so an API that ignores ?tag= still yields the right runs.
function belongs(item, data) {
  if (!item || typeof item.id !== 'string') return false;
  if (Array.isArray(item.tags)) return item.tags.indexOf(data.tag) !== -1;
  return tagFilter; // no tags in the listing: trust the server's filter
}

function getWithRetries(cfg, url) {
  const params = { headers: jsonHeaders(cfg), tags: { name: 'list_runs' } };
  let res = http.get(url, params);
  // A listing can hit a loaded API mid-test; give it a few tries.
  for (let retry = 0; retry < 3 && (res.status === 0 || res.status === 429 || res.status >= 500); retry++) {
    sleep(retryAfterSeconds(res) || 1);
    res = http.get(url, params);
  }
  return res;
}

// One page of GET /api/v1/runs?workflow=&tag=&status=&limit=&cursor=.
function getPage(cfg, data, status, cursor) {
  const query = {
    workflow: data.workflow.name,
    tag: tagFilter ? data.tag : null,
    status: status,
    limit: cfg.pageSize,
    cursor: cursor,
  };
  const res = getWithRetries(cfg, apiUrl(cfg, '/runs') + '?' + queryString(query));
  if (res.status === 400 && tagFilter) {
    console.warn(
      'GET /api/v1/runs rejected ?tag= (400 ' +
        String(res.body).slice(0, 200) +
        '); matching the tag on each run instead',
    );
    tagFilter = false;
    return getPage(cfg, data, status, cursor);
  }
  return res;
}

// Every page of { items, nextCursor }. Returns [{ id, status }] of this
// test's runs, with the given status when one is given.
export function findRuns(cfg, data, status) {
  const found = [];
  const seen = {};
  let cursor = null;
  // Bounded, so a cursor that never ends cannot hang teardown.
  for (let page = 0; page < 100000; page++) {
    const res = getPage(cfg, data, status, cursor);
    const body = res.status === 200 ? safeJson(res) : null;
    if (
      !check(res, {
        'run listing answered 200': function () {
          return body !== null;
        },
      })
    ) {
      console.error('GET /api/v1/runs ' + res.status + ': ' + String(res.body).slice(0, 300));
      break;
    }
    const items = pageItems(body);
    for (let i = 0; i < items.length; i++) {
      const item = items[i];
      if (!belongs(item, data) || seen[item.id]) continue;
      if (status && item.status !== status) continue; // the server may ignore ?status=
      seen[item.id] = true;
      found.push({ id: item.id, status: item.status });
    }
    const next = body.nextCursor;
    if (!next || next === cursor || items.length === 0) break;
    cursor = next;
  }
  return found;
}

function countOpen(cfg, data) {
  let open = 0;
  for (let i = 0; i < OPEN.length; i++) open += findRuns(cfg, data, OPEN[i]).length;
  return open;
}

// Waits until none of this test's runs is pending, running or paused, or until
// timeoutS passes; then records each run's final status:
//   runs_succeeded (Rate)    succeeded / all runs found
//   runs_unfinished (Counter) runs still not terminal at the deadline
//   checks                   "run reached a terminal status", "run succeeded"
// Returns { total, byStatus, unfinished, waitedS }.
export function waitForRuns(cfg, data, opts) {
  const timeoutS = opts && opts.timeoutS !== undefined ? opts.timeoutS : cfg.waitTimeoutS;
  const started = Date.now();
  const deadline = started + timeoutS * 1000;
  while (countOpen(cfg, data) > 0 && Date.now() < deadline) {
    sleep(cfg.pollIntervalS);
  }
  const waitedS = (Date.now() - started) / 1000;
  return recordOutcome(cfg, data, findRuns(cfg, data), waitedS);
}

function recordOutcome(cfg, data, runs, waitedS) {
  const byStatus = {};
  const failed = [];
  let unfinished = 0;
  check(runs, {
    'teardown found the runs this test started': function (r) {
      return r.length > 0;
    },
  });
  for (let i = 0; i < runs.length; i++) {
    const run = runs[i];
    const terminal = TERMINAL.indexOf(run.status) !== -1;
    byStatus[run.status] = (byStatus[run.status] || 0) + 1;
    check(run, {
      'run reached a terminal status': function () {
        return terminal;
      },
      'run succeeded': function (r) {
        return r.status === 'succeeded';
      },
    });
    runsSucceeded.add(run.status === 'succeeded');
    if (!terminal) {
      unfinished++;
      runsUnfinished.add(1);
    } else if (run.status !== 'succeeded' && failed.length < 3) {
      failed.push(run.id);
    }
  }
  console.log(
    'teardown: ' +
      runs.length +
      ' runs tagged ' +
      data.tag +
      ' after ' +
      Math.round(waitedS) +
      's wait: ' +
      JSON.stringify(byStatus),
  );
  for (let i = 0; i < failed.length; i++) describeRun(cfg, failed[i]);
  return { total: runs.length, byStatus: byStatus, unfinished: unfinished, waitedS: waitedS };
}

// GET /api/v1/runs/{id}: print why a run did not succeed, to start the hunt.
export function describeRun(cfg, id) {
  const res = http.get(apiUrl(cfg, '/runs/' + encodeURIComponent(id)), {
    headers: jsonHeaders(cfg),
    tags: { name: 'get_run' },
  });
  const run = res.status === 200 ? safeJson(res) : null;
  if (run === null) {
    console.warn('run ' + id + ': GET /api/v1/runs/' + id + ' answered ' + res.status);
    return;
  }
  console.warn('run ' + id + ' ' + run.status + ': ' + JSON.stringify(run.error));
}
