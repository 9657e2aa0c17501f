import { writeFileSync } from 'node:fs';
import type { BenchOptions } from './options';
import type { FixedRateResult, SqlLatency, ThroughputResult } from './phases';
import type { LogProblems } from './processes';
import type { RawResult } from './raw-bullmq';
import { statementRows } from './statement-stats';

export interface Machine {
  cpus: number;
  cpuModel: string;
  memoryGb: number;
  platform: string;
  node: string;
  postgres: string;
  redis: string;
  commit: string;
}

export interface BenchResult {
  startedAt: string;
  finishedAt: string;
  machine: Machine;
  parameters: Omit<BenchOptions, 'postgresUrl' | 'redisUrl'>;
  raw: RawResult;
  single: ThroughputResult;
  fanout: ThroughputResult;
  /** Single-task runs under 1,000 distinct concurrency keys: the keyed claim's cost. */
  keyed: ThroughputResult;
  fixedRate: FixedRateResult;
  /** End-to-end single-task tasks/s over raw BullMQ jobs/s. */
  ratioToRaw: number;
  peakRssMb: Record<string, number>;
  /** User + system CPU seconds each child used over the whole bench. */
  cpuSeconds: Record<string, number>;
  /** Warning and error lines each child logged: a fast result with errors in the logs is not a result. */
  logProblems: Record<string, LogProblems>;
  targets: Target[];
  logDir: string;
}

export interface Target {
  name: string;
  goal: string;
  actual: string;
  pass: boolean;
}

/** The targets of issue 6. A phase that timed out or lost runs cannot pass its target. */
export function judge(result: Omit<BenchResult, 'targets'>): Target[] {
  const { single, fixedRate } = result;
  const complete = (phase: { timedOut: boolean; unsuccessfulRuns: number }) =>
    !phase.timedOut && phase.unsuccessfulRuns === 0;
  const rejected = fixedRate.offered - fixedRate.created;
  return [
    {
      name: 'e2e core.noop throughput vs raw BullMQ',
      goal: '≥ 0.25 × raw',
      actual: `${result.ratioToRaw.toFixed(3)} × (${int(single.tasksPerSecond)} / ${int(result.raw.jobsPerSecond)})`,
      pass: complete(single) && result.ratioToRaw >= 0.25,
    },
    {
      name: 'e2e core.noop throughput',
      goal: '≥ 3,000 tasks/s',
      actual: `${int(single.tasksPerSecond)} tasks/s`,
      pass: complete(single) && single.tasksPerSecond >= 3000,
    },
    {
      name: `run submission P99 at ${fixedRate.rate} runs/s`,
      goal: '< 25 ms, all 201',
      actual: `${ms(fixedRate.submissionMs.p99)}, ${rejected} not 201`,
      pass: fixedRate.rate >= 500 && rejected === 0 && fixedRate.submissionMs.p99 < 25,
    },
    {
      name: 'dispatch latency P99 (ready → started)',
      goal: '< 50 ms',
      actual: ms(fixedRate.dispatchMs.p99),
      pass: complete(fixedRate) && fixedRate.dispatchMs.p99 < 50,
    },
  ];
}

export function writeJson(path: string, result: BenchResult): void {
  writeFileSync(path, JSON.stringify(result, null, 2) + '\n');
}

/** A plain-text table: readable in a terminal and in a CI log alike. */
export function formatTable(result: BenchResult): string {
  const { raw, single, fanout, keyed, fixedRate, machine, parameters: p } = result;
  const rows: [string, string, string][] = [
    [
      `raw BullMQ (${int(raw.jobs)} jobs, c=${raw.concurrency})`,
      `${int(raw.jobsPerSecond)} jobs/s`,
      `addBulk alone ${int(raw.enqueuedPerSecond)} jobs/s; machine CPU ${raw.machineCpuBusy}%`,
    ],
    throughputRow('e2e single-task', single),
    throughputRow(`e2e fan-out/fan-in (${fanout.tasksPerRun} tasks/run)`, fanout),
    throughputRow('e2e keyed (1,000 concurrency keys, limit 2)', keyed),
    ['e2e single-task / raw BullMQ', result.ratioToRaw.toFixed(3), ''],
    ['CPU ms per task, single-task', '', perProcess(single.cpuMsPerTask, (value) => value.toFixed(3))],
    ['CPU ms per task, fan-out/fan-in', '', perProcess(fanout.cpuMsPerTask, (value) => value.toFixed(3))],
    [
      `submission at ${fixedRate.rate} runs/s × ${fixedRate.duration} s`,
      `p99 ${ms(fixedRate.submissionMs.p99)}`,
      `p50 ${ms(fixedRate.submissionMs.p50)} p95 ${ms(fixedRate.submissionMs.p95)} p99.9 ${ms(fixedRate.submissionMs.p999)} max ${ms(fixedRate.submissionMs.max)}; ` +
        `${fixedRate.offered - fixedRate.created} of ${fixedRate.offered} not 201${statusNote(fixedRate.statuses)}; bench send lag max ${ms(fixedRate.maxSendLagMs)}; machine CPU ${fixedRate.machineCpuBusy}%`,
    ],
    ['dispatch ready → started (fixed rate)', `p99 ${ms(fixedRate.dispatchMs.p99)}`, latencyNote(fixedRate.dispatchMs)],
    [
      'run created → finished (fixed rate)',
      `p99 ${ms(fixedRate.runMs.p99)}`,
      latencyNote(fixedRate.runMs) + incomplete(fixedRate),
    ],
    ['CPU ms per run, fixed rate', '', perProcess(fixedRate.cpuMsPerTask, (value) => value.toFixed(3))],
    ...(fixedRate.sqlPerRun
      ? [
          [
            'SQL statements per run, fixed rate',
            '',
            perProcess(fixedRate.sqlPerRun.total, (value) => value.toFixed(2)),
          ] as [string, string, string],
        ]
      : []),
    ...(fixedRate.statementsPerRun ? statementRows('fixed rate', fixedRate.statementsPerRun) : []),
    ['peak RSS (MiB)', '', perProcess(result.peakRssMb, (mb) => String(Math.round(mb)))],
    ['CPU seconds', '', perProcess(result.cpuSeconds, (seconds) => seconds.toFixed(1))],
    ['app warnings/errors logged', '', problemsNote(result.logProblems)],
  ];
  const width = Math.max(...rows.map(([name]) => name.length));
  const valueWidth = Math.max(...rows.map(([, value]) => value.length));
  const lines = [
    `Taskloom bench ${result.startedAt}  ${machine.cpus} × ${machine.cpuModel}, ${machine.memoryGb} GB, node ${machine.node}, ${machine.postgres}, redis ${machine.redis}, ${machine.commit}`,
    `apis ${p.apis}, routers ${p.routers}, executors ${p.executors}, partitions ${p.partitions}, concurrency ${p.concurrency}, connections ${p.connections}`,
    '',
    ...rows.map(([name, value, detail]) => `${name.padEnd(width)}  ${value.padStart(valueWidth)}  ${detail}`.trimEnd()),
    '',
    'targets',
    ...result.targets.map(
      (target) => `  ${target.pass ? 'PASS' : 'FAIL'}  ${target.name} ${target.goal}: ${target.actual}`,
    ),
  ];
  return lines.join('\n') + '\n';
}

function throughputRow(name: string, phase: ThroughputResult): [string, string, string] {
  return [
    `${name} (${int(phase.runs)} runs)`,
    `${int(phase.tasksPerSecond)} tasks/s`,
    `${int(phase.tasks)} tasks in ${phase.seconds.toFixed(1)} s; submitted at ${int(phase.created / phase.submitSeconds)} runs/s` +
      `${statusNote(phase.statuses)}; dispatch p50 ${ms(phase.dispatchMs.p50)} p99 ${ms(phase.dispatchMs.p99)}; machine CPU ${phase.machineCpuBusy}%${incomplete(phase)}`,
  ];
}

function perProcess(values: Record<string, number>, format: (value: number) => string): string {
  return Object.entries(values)
    .map(([name, value]) => `${name} ${format(value)}`)
    .join(', ');
}

function problemsNote(problems: Record<string, LogProblems>): string {
  const noisy = Object.entries(problems).filter(([, found]) => found.count > 0);
  if (noisy.length === 0) return 'none';
  return noisy.map(([name, found]) => `${name} ${found.count} (first: ${found.first[0].slice(0, 160)})`).join('; ');
}

function statusNote(statuses: Record<string, number>): string {
  const other = Object.entries(statuses).filter(([status]) => status !== '201');
  return other.length === 0 ? '' : ` (${other.map(([status, count]) => `${status}: ${count}`).join(', ')})`;
}

function incomplete(phase: { timedOut: boolean; unsuccessfulRuns: number }): string {
  return (
    (phase.timedOut ? '; TIMED OUT before all runs ended' : '') +
    (phase.unsuccessfulRuns > 0 ? `; ${phase.unsuccessfulRuns} runs failed/cancelled` : '')
  );
}

function latencyNote(latency: SqlLatency): string {
  return `p50 ${ms(latency.p50)} p95 ${ms(latency.p95)} max ${ms(latency.max)} over ${int(latency.count)}`;
}

const int = (value: number) => (Number.isFinite(value) ? Math.round(value).toLocaleString('en-US') : 'n/a');
const ms = (value: number) =>
  Number.isFinite(value) ? `${value < 10 ? value.toFixed(2) : value.toFixed(1)} ms` : 'n/a';
