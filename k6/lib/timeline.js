// Where a ramping-arrival-rate scenario is at a moment of the test. Iterations
// use it to tag their requests with the stage they ran in, so the end-of-test
// summary can show error rate and latency per stage (k6 only aggregates over
// the whole test otherwise).

// Each stage ramps linearly from the previous target (startRate for the first)
// to its own target, as k6's ramping-arrival-rate does.
export function stageBounds(startRate, stages) {
  const bounds = [];
  let from = startRate;
  let at = 0;
  for (let i = 0; i < stages.length; i++) {
    bounds.push({ stage: i, fromRate: from, toRate: stages[i].target, startS: at, endS: at + stages[i].seconds });
    from = stages[i].target;
    at += stages[i].seconds;
  }
  return bounds;
}

// { stage, rate } at elapsedS seconds after the scenario started; past the
// last stage (k6's graceful stop) it stays on the last one.
export function positionAt(startRate, stages, elapsedS) {
  const bounds = stageBounds(startRate, stages);
  for (let i = 0; i < bounds.length; i++) {
    const b = bounds[i];
    if (elapsedS < b.endS) {
      const share = b.endS > b.startS ? Math.max(0, elapsedS - b.startS) / (b.endS - b.startS) : 1;
      return { stage: i, rate: b.fromRate + (b.toRate - b.fromRate) * share };
    }
  }
  const last = bounds[bounds.length - 1];
  return { stage: last.stage, rate: last.toRate };
}

// Seconds since the scenario started. setup() stores Date.now() as its last
// step and the scenario starts right after it; k6/execution would say this
// exactly but is kept out so the scripts run on older k6 releases.
export function elapsedSince(data) {
  return Math.max(0, (Date.now() - data.startedAt) / 1000);
}
