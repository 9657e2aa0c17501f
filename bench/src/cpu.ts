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

/** USER_HZ, the unit of /proc/<pid>/stat times: 100 on every Linux architecture Node supports. */
export const CLOCK_TICKS = 100;

/** One process's command name and CPU ticks so far (user + system); undefined once it has exited. */
export function processCpu(pid: number): { name: string; ticks: number } | undefined {
  let stat: string;
  try {
    stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return undefined;
  }
  // Fields after the ")" that ends the command name: utime and stime are the 12th and 13th.
  const nameEnd = stat.lastIndexOf(')');
  const fields = stat.slice(nameEnd + 2).split(' ');
  return { name: stat.slice(stat.indexOf('(') + 1, nameEnd), ticks: Number(fields[11]) + Number(fields[12]) };
}
