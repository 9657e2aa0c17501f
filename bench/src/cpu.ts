import { readFileSync } from 'node:fs';

export interface CpuSnapshot {
  busy: number;
  total: number;
}

/** Whole-machine CPU counters from /proc/stat: the bench, Taskloom, PostgreSQL and Redis share these cores. */
export function machineCpu(): CpuSnapshot {
  const line = readFileSync('/proc/stat', 'utf8').split('\n', 1)[0];
  // cpu user nice system idle iowait irq softirq steal ...
  const ticks = line.trim().split(/\s+/).slice(1, 9).map(Number);
  const total = ticks.reduce((sum, value) => sum + value, 0);
  return { busy: total - ticks[3] - ticks[4], total };
}

/** Share of the machine's CPU time that was busy between two snapshots, 0-100: near 100 means the phase was CPU-bound. */
export function busyPercent(before: CpuSnapshot, after: CpuSnapshot): number {
  const total = after.total - before.total;
  return total > 0 ? Math.round(((after.busy - before.busy) / total) * 1000) / 10 : Number.NaN;
}
