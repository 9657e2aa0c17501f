import { readdirSync } from 'node:fs';
import { CLOCK_TICKS, processCpu } from './cpu';

/** CPU ticks so far of every process, by the role it plays in the bench. */
export type CpuTicks = Record<string, number>;

/**
 * Where a phase's CPU went: the bench's children by name, PostgreSQL and
 * Redis by process name (their servers may also serve others on a shared
 * machine), and the bench itself. Read from /proc, so it costs the system
 * under test nothing. A process that exits within a phase loses its last
 * ticks; PostgreSQL backends of the apps' pools live through the phases.
 */
export function cpuTicks(children: ReadonlyMap<number, string>): CpuTicks {
  const ticks: CpuTicks = {};
  for (const entry of readdirSync('/proc')) {
    const pid = Number(entry);
    if (!Number.isInteger(pid)) continue;
    const cpu = processCpu(pid);
    if (!cpu) continue; // Gone since the listing.
    const role =
      children.get(pid) ??
      (pid === process.pid
        ? 'bench'
        : cpu.name === 'postgres'
          ? 'postgres'
          : cpu.name === 'redis-server'
            ? 'redis'
            : undefined);
    if (role) ticks[role] = (ticks[role] ?? 0) + cpu.ticks;
  }
  return ticks;
}

/** CPU milliseconds each role spent per task between two readings. */
export function cpuMsPerTask(before: CpuTicks, after: CpuTicks, tasks: number): Record<string, number> {
  const perTask: Record<string, number> = {};
  for (const [role, ticks] of Object.entries(after)) {
    const spent = ticks - (before[role] ?? 0);
    if (spent > 0 && tasks > 0) perTask[role] = Math.round(((spent * 1000) / CLOCK_TICKS / tasks) * 1000) / 1000;
  }
  return perTask;
}
