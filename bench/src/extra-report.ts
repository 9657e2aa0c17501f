import type { DeadTuples } from './dead-tuples';
import type { ExtraResult } from './extra-phases';
import type { FixedRateResult, SqlLatency, ThroughputResult } from './phases';
import type { RawResult } from './raw-bullmq';
import type { RawFloorResult } from './raw-floor';
import type { Target } from './report';
import { statementRows } from './statement-stats';

const BULK_TARGET = 2;
const BACKLOG_RSS_TOLERANCE_PERCENT = 10;
const BACKLOG_DISPATCH_TOLERANCE = 0.2;
/** CPU per run at a fixed rate of 500 runs/s or more against the saturated single-task phase's CPU per task. */
const MODERATE_CPU_RATIO = 2;
/** Cores the api, router and executor may use together at the moderate rate (200 runs/s). */
const MODERATE_APP_CORES = 0.15;
const APP = /^(api|router|executor)/;

interface Base {
  raw: RawResult;
  rawFloors: RawFloorResult[];
  single: ThroughputResult;
  fixedRate: FixedRateResult;
  ratioToRaw: number;
}

/** Single starts' submission rate in the e2e single-task phase: what bulk submission is compared with. */
function singleRunsPerSecond(single: ThroughputResult): number {
  return single.created / single.submitSeconds;
}

/** CPU ms of every measured process (apps, PostgreSQL, Redis, the bench), or of the apps alone, per run or task. */
function cpuMsOf(cpu: Record<string, number>, only?: RegExp): number {
  return Object.entries(cpu)
    .filter(([name]) => !only || only.test(name))
    .reduce((sum, [, ms]) => sum + ms, 0);
}

/** The targets of issue 20 that the bench can judge. A phase that timed out or lost runs cannot pass. */
export function judgeExtra(base: Base, extra: ExtraResult): Target[] {
  const complete = (phase: { timedOut: boolean; unsuccessfulRuns: number }) =>
    !phase.timedOut && phase.unsuccessfulRuns === 0;
  const latency = (label: string, phase: FixedRateResult): Target[] => [
    {
      name: `${label}: run submission P99 at ${phase.rate} runs/s`,
      goal: '< 15 ms, all 201',
      actual: `${ms(phase.submissionMs.p99)}, ${phase.offered - phase.created} not 201`,
      pass: phase.rate >= 500 && phase.created === phase.offered && phase.submissionMs.p99 < 15,
    },
    {
      name: `${label}: dispatch latency P99 (ready → started)`,
      goal: '< 25 ms',
      actual: ms(phase.dispatchMs.p99),
      pass: complete(phase) && phase.dispatchMs.p99 < 25,
    },
  ];
  // What a task costs when the system is saturated, against what a run costs at a fixed rate.
  const saturatedMs = cpuMsOf(base.single.cpuMsPerTask);
  const cpu = (label: string, phase: FixedRateResult): Target => {
    const perRunMs = cpuMsOf(phase.cpuMsPerTask);
    const ratio = perRunMs / saturatedMs;
    return {
      name: `${label}: CPU per run at ${phase.rate} runs/s vs saturated CPU per task`,
      goal: `≤ ${MODERATE_CPU_RATIO} ×`,
      actual: `${ratio.toFixed(1)} × (${perRunMs.toFixed(2)} / ${saturatedMs.toFixed(2)} ms)`,
      pass: complete(phase) && phase.rate >= 500 && ratio <= MODERATE_CPU_RATIO,
    };
  };
  const { bulk, backlog, fixedRateHigh: high, fixedRateModerate: moderate } = extra;
  // Cores the api, router and executors use together at the moderate rate.
  const appMsPerRun = cpuMsOf(moderate.cpuMsPerTask, APP);
  const appCores = (appMsPerRun * moderate.rate) / 1000;
  const bulkRatio = bulk.runsPerSecond / singleRunsPerSecond(base.single);
  const targets: Target[] = [
    {
      name: 'e2e core.noop throughput vs raw BullMQ (issue 20)',
      goal: '≥ 0.30 × raw',
      actual: `${base.ratioToRaw.toFixed(3)} ×`,
      pass: complete(base.single) && base.ratioToRaw >= 0.3,
    },
    ...latency('fresh system', extra.fixedRateFresh),
    ...latency('after the bursts', base.fixedRate),
    {
      name: `run submission P99 at ${high.rate} runs/s`,
      goal: '< 50 ms, all 201',
      actual: `${ms(high.submissionMs.p99)}, ${high.offered - high.created} not 201`,
      pass: high.rate >= 1000 && high.created === high.offered && high.submissionMs.p99 < 50,
    },
    cpu('fresh system', extra.fixedRateFresh),
    cpu('after the bursts', base.fixedRate),
    {
      name: `api, router and executor at ${moderate.rate} runs/s`,
      goal: `≤ ${MODERATE_APP_CORES} of a core`,
      actual: `${appCores.toFixed(2)} (${appMsPerRun.toFixed(2)} ms per run)`,
      pass: complete(moderate) && moderate.rate >= 200 && appCores <= MODERATE_APP_CORES,
    },
    {
      name: 'bulk submission vs single starts',
      goal: `≥ ${BULK_TARGET} × runs/s`,
      actual: `${bulkRatio.toFixed(2)} × (${int(bulk.runsPerSecond)} / ${int(singleRunsPerSecond(base.single))} runs/s)`,
      pass: complete(bulk) && bulk.created === bulk.runs && bulkRatio >= BULK_TARGET,
    },
  ];
  if (backlog) {
    const emptyRate = base.single.tasksPerSecond;
    const worstRss = Object.entries(backlog.rss).sort(
      ([, a], [, b]) => Math.abs(b.changePercent) - Math.abs(a.changePercent),
    )[0];
    targets.push(
      {
        name: `backlog of ${int(backlog.tasks)}: dispatch rate vs empty backlog`,
        goal: `within ${BACKLOG_DISPATCH_TOLERANCE * 100} %`,
        actual: `${int(backlog.tasksPerSecond)} vs ${int(emptyRate)} tasks/s (slowest ${WINDOW_NOTE} ${int(backlog.slowestWindowPerSecond)})`,
        pass: !backlog.timedOut && backlog.tasksPerSecond >= emptyRate * (1 - BACKLOG_DISPATCH_TOLERANCE),
      },
      {
        name: `backlog of ${int(backlog.tasks)}: RSS while it drains`,
        goal: `flat ± ${BACKLOG_RSS_TOLERANCE_PERCENT} %`,
        actual: worstRss ? `worst ${worstRss[0]} ${signed(worstRss[1].changePercent)} %` : 'n/a',
        pass:
          !backlog.timedOut &&
          Object.values(backlog.rss).every((series) => Math.abs(series.changePercent) <= BACKLOG_RSS_TOLERANCE_PERCENT),
      },
    );
  }
  return targets;
}

const WINDOW_NOTE = '5 s window';

const PHASE_LABELS: Record<string, string> = {
  fresh: 'fixed rate, fresh system',
  afterBurst: 'fixed rate after the bursts',
  high: 'higher fixed rate',
  moderate: 'moderate fixed rate',
  backlog: 'backlog fill and drain',
};

/** BullMQ alone: its CPU per job saturated, and at each fixed rate against that (raw-floor.ts). */
function rawFloorRows({ raw, rawFloors }: Base): [string, string, string][] {
  const saturatedMs = cpuMsOf(raw.cpuMsPerJob);
  const perJob = (cpu: Record<string, number>) => perProcess(cpu, (value) => value.toFixed(3));
  return [
    ['raw BullMQ CPU ms per job, saturated', '', perJob(raw.cpuMsPerJob)],
    ...rawFloors.map((floor): [string, string, string] => [
      `raw BullMQ alone at ${int(floor.rate)} jobs/s`,
      `${(cpuMsOf(floor.cpuMsPerJob) / saturatedMs).toFixed(1)} × saturated`,
      `CPU ms per job ${perJob(floor.cpuMsPerJob)}; producer + worker ${floor.producerAndWorkerCores.toFixed(2)} of a core`,
    ]),
  ];
}

/** The rows the phases of issue 20 add under the main table. */
export function formatExtra(base: Base, extra: ExtraResult): string {
  const { fixedRateFresh: fresh, fixedRateHigh: high, fixedRateModerate: moderate, bulk, backlog } = extra;
  const rows: [string, string, string][] = [
    ...fixedRateRows('fresh system', fresh),
    ...fixedRateRows('higher rate', high),
    ...fixedRateRows('moderate rate', moderate),
    [
      `bulk submission (${int(bulk.runs)} runs, ${int(bulk.batchSize)} per request, ${bulk.workers} in flight)`,
      `${int(bulk.runsPerSecond)} runs/s`,
      `vs single starts ${int(singleRunsPerSecond(base.single))} runs/s; drained at ${int(bulk.tasksPerSecond)} tasks/s in ${bulk.seconds.toFixed(1)} s` +
        `${refusedNote(bulk.refused)}; machine CPU ${bulk.machineCpuBusy}%${incomplete(bulk)}`,
    ],
    ['CPU ms per run, bulk', '', perProcess(bulk.cpuMsPerTask, (value) => value.toFixed(3))],
    ...rawFloorRows(base),
  ];
  if (backlog) {
    rows.push(
      [
        `backlog of ${int(backlog.tasks)} ready tasks`,
        `${int(backlog.tasksPerSecond)} tasks/s`,
        `filled in ${backlog.fillSeconds.toFixed(1)} s (${int(backlog.readyBeforeDrain)} ready)${refusedNote(backlog.refused)}; ` +
          `drained in ${backlog.drainSeconds.toFixed(1)} s: first tenth ${int(backlog.firstTenthPerSecond)}, last tenth ${int(backlog.lastTenthPerSecond)}, ` +
          `slowest ${WINDOW_NOTE} ${int(backlog.slowestWindowPerSecond)} tasks/s${incomplete(backlog)}`,
      ],
      [
        'RSS while the backlog drains (MiB)',
        '',
        Object.entries(backlog.rss)
          .map(([name, series]) => `${name} ${int(series.startMb)}→${int(series.endMb)} (max ${int(series.maxMb)})`)
          .join(', '),
      ],
    );
  }
  for (const [phase, dead] of Object.entries(extra.deadTuples)) {
    rows.push([`dead tuples, ${PHASE_LABELS[phase] ?? phase}`, '', deadNote(dead)]);
  }
  const width = Math.max(...rows.map(([name]) => name.length));
  const valueWidth = Math.max(...rows.map(([, value]) => value.length));
  return (
    '\nissue 20 phases\n' +
    rows
      .map(([name, value, detail]) => `${name.padEnd(width)}  ${value.padStart(valueWidth)}  ${detail}`.trimEnd())
      .join('\n') +
    '\n'
  );
}

function fixedRateRows(label: string, phase: FixedRateResult): [string, string, string][] {
  return [
    [
      `submission at ${phase.rate} runs/s × ${phase.duration} s, ${label}`,
      `p99 ${ms(phase.submissionMs.p99)}`,
      `p50 ${ms(phase.submissionMs.p50)} p95 ${ms(phase.submissionMs.p95)} max ${ms(phase.submissionMs.max)}; ` +
        `${phase.offered - phase.created} of ${phase.offered} not 201; bench send lag max ${ms(phase.maxSendLagMs)}; machine CPU ${phase.machineCpuBusy}%`,
    ],
    [
      `dispatch ready → started, ${label}`,
      `p99 ${ms(phase.dispatchMs.p99)}`,
      latencyNote(phase.dispatchMs) + incomplete(phase),
    ],
    [`CPU ms per run, ${label}`, '', perProcess(phase.cpuMsPerTask, (value) => value.toFixed(3))],
    ...(phase.sqlPerRun
      ? [
          [`SQL statements per run, ${label}`, '', perProcess(phase.sqlPerRun.total, (value) => value.toFixed(2))] as [
            string,
            string,
            string,
          ],
        ]
      : []),
    ...(phase.statementsPerRun ? statementRows(label, phase.statementsPerRun) : []),
  ];
}

export function deadNote(dead: DeadTuples): string {
  return Object.entries(dead)
    .map(
      ([table, t]) =>
        `${table} max ${int(t.max)}, end ${int(t.end)}, ${t.autovacuums} autovacuum(s), ${t.vacuums} vacuum(s)`,
    )
    .join('; ');
}

function refusedNote(refused: Record<string, number>): string {
  const entries = Object.entries(refused);
  return entries.length === 0 ? '' : ` (refused: ${entries.map(([kind, n]) => `${kind} ${n}`).join(', ')})`;
}

function incomplete(phase: { timedOut: boolean; unsuccessfulRuns: number }): string {
  return (
    (phase.timedOut ? '; TIMED OUT before all runs ended' : '') +
    (phase.unsuccessfulRuns > 0 ? `; ${phase.unsuccessfulRuns} runs failed/cancelled` : '')
  );
}

function perProcess(values: Record<string, number>, format: (value: number) => string): string {
  return Object.entries(values)
    .map(([name, value]) => `${name} ${format(value)}`)
    .join(', ');
}

function latencyNote(latency: SqlLatency): string {
  return `p50 ${ms(latency.p50)} p95 ${ms(latency.p95)} max ${ms(latency.max)} over ${int(latency.count)}`;
}

const signed = (value: number) => (value >= 0 ? `+${value.toFixed(1)}` : value.toFixed(1));
const int = (value: number) => (Number.isFinite(value) ? Math.round(value).toLocaleString('en-US') : 'n/a');
const ms = (value: number) =>
  Number.isFinite(value) ? `${value < 10 ? value.toFixed(2) : value.toFixed(1)} ms` : 'n/a';
