import { readdirSync, readFileSync } from 'node:fs';
import { CLOCK_TICKS, processCpu } from './cpu';

/** CPU ticks so far of every process, by the role it plays in the bench. */
export type CpuTicks = Record<string, number>;

/**
 * Where a phase's CPU went: the bench's children by name, PostgreSQL and
 * Redis by process name, and the bench itself. PostgreSQL is split by each
 * process's title: `postgres` is the backends (and autovacuum workers) of
 * the bench's own database, `postgres-server` the server's background
 * processes (WAL writer, checkpointer, …) that serve every database; the
 * backends of other databases — other users of a shared server — are left
 * out. Read from /proc, so it costs the system under test nothing. A
 * process that exits within a phase loses its last ticks; PostgreSQL
 * backends of the apps' pools live through the phases.
 */
export function cpuTicks(children: ReadonlyMap<number, string>, database: string): CpuTicks {
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
          ? postgresRole(pid, database)
          : cpu.name === 'redis-server'
            ? 'redis'
            : undefined);
    if (role) ticks[role] = (ticks[role] ?? 0) + cpu.ticks;
  }
  return ticks;
}

/** A PostgreSQL process's title is `postgres: <cluster>: <user> <database> <client> <state>` for a backend. */
function postgresRole(pid: number, database: string): string | undefined {
  let title: string;
  try {
    title = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ');
  } catch {
    return undefined;
  }
  if (title.includes(` ${database} `) || title.endsWith(` ${database}`)) return 'postgres';
  // Backends name a client address; the server's own processes (and the postmaster) do not.
  return /\d+\.\d+\.\d+\.\d+\(|\[local\]|::1?\(/.test(title) ? undefined : 'postgres-server';
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
