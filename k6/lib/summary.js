// Reading k6's end-of-test data in handleSummary(). A script that exports
// handleSummary replaces k6's own text summary, and the jslib text summary is
// a remote import, so the few lines needed are built here.
//
// data.metrics[name] = { type, contains, values: { rate | count | p(95) | max … },
//                        thresholds?: { "<expression>": { ok: boolean } } }

export function metricValue(data, name, stat) {
  const metric = data.metrics[name];
  if (!metric || !metric.values || metric.values[stat] === undefined) return null;
  return metric.values[stat];
}

// false when any threshold on the metric failed, true when all passed, null
// when the metric has no threshold (or never got a sample).
export function thresholdsOk(data, name) {
  const metric = data.metrics[name];
  if (!metric || !metric.thresholds) return null;
  const expressions = Object.keys(metric.thresholds);
  for (let i = 0; i < expressions.length; i++) {
    if (!metric.thresholds[expressions[i]].ok) return false;
  }
  return expressions.length > 0 ? true : null;
}

export function formatMs(value) {
  return value === null ? '-' : value.toFixed(value < 10 ? 2 : 0) + 'ms';
}

export function formatPercent(value) {
  return value === null ? '-' : (value * 100).toFixed(2) + '%';
}

export function pad(text, width) {
  const s = String(text);
  return s.length >= width ? s : s + new Array(width - s.length + 1).join(' ');
}

// "✓ http_req_failed{scenario:submit} rate<0.05" lines for the given metrics.
export function thresholdLines(data, names) {
  const lines = [];
  for (let i = 0; i < names.length; i++) {
    const metric = data.metrics[names[i]];
    if (!metric || !metric.thresholds) continue;
    const expressions = Object.keys(metric.thresholds);
    for (let j = 0; j < expressions.length; j++) {
      const ok = metric.thresholds[expressions[j]].ok;
      lines.push('  ' + (ok ? '✓' : '✗') + ' ' + names[i] + ' ' + expressions[j] + '  ' + describeValues(metric));
    }
  }
  return lines;
}

function describeValues(metric) {
  const v = metric.values || {};
  if (metric.type === 'rate') return 'rate=' + formatPercent(v.rate === undefined ? null : v.rate);
  if (metric.type === 'counter') return 'count=' + v.count;
  if (metric.type === 'gauge') return 'value=' + v.value + ' max=' + v.max;
  const p95 = v['p(95)'] === undefined ? null : v['p(95)'];
  const p99 = v['p(99)'] === undefined ? null : v['p(99)'];
  return 'p(95)=' + formatMs(p95) + ' p(99)=' + formatMs(p99);
}

// k6 keeps a sub-metric (say http_reqs{stage:3}) only when a threshold names
// it, so the scripts add always-true thresholds like 'count>=0' to see them in
// handleSummary(). They gate nothing.
export function track(stat) {
  return [stat + '>=0'];
}

// The threshold keys a script declared, minus the track() ones.
export function gatingThresholds(thresholds) {
  return Object.keys(thresholds).filter(function (name) {
    return !thresholds[name].every(function (t) {
      return />=0$/.test(typeof t === 'string' ? t : t.threshold);
    });
  });
}
