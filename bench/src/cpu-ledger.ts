import { readdirSync, readFileSync } from 'node:fs';

/** USER_HZ, the unit of /proc/<pid>/stat times: 100 on every Linux architecture Node supports. */
const CLOCK_TICKS = 100;

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
    let stat: string;
    try {
      stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    } catch {
      continue; // Gone since the listing.
    }
    const name = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
    const role = children.get(pid) ?? (pid === process.pid ? 'bench' : name === 'postgres' ? 'postgres' : name === 'redis-server' ? 'redis' : undefined);
    if (!role) continue;
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    ticks[role] = (ticks[role] ?? 0) + Number(fields[11]) + Number(fields[12]);
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
