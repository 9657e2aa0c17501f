import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { sleep } from './timing';

/** Statements sent so far by each app, by text (sql-counter.ts in each child). */
export type SqlCounts = Record<string, Record<string, number>>;

/** What one phase cost in statements: per process, statements per run in all and the most frequent ones. */
export interface SqlPerRun {
  total: Record<string, number>;
  top: Record<string, [statement: string, perRun: number][]>;
}

const TOP = 12;

/** Asks every child for its counts (SIGUSR2) and reads the files they write. */
export async function readSqlCounts(dir: string, children: ReadonlyMap<number, string>): Promise<SqlCounts> {
  mkdirSync(dir, { recursive: true });
  for (const pid of children.keys()) rmSync(join(dir, `${pid}.json`), { force: true });
  for (const pid of children.keys()) {
    try {
      process.kill(pid, 'SIGUSR2');
    } catch {
      // Gone: the phase's liveness check reports it; its counts are just missing here.
    }
  }
  const counts: SqlCounts = {};
  const deadline = performance.now() + 2_000;
  for (const [pid, name] of children) {
    const file = join(dir, `${pid}.json`);
    while (!existsSync(file) && performance.now() < deadline) await sleep(10);
    if (!existsSync(file)) continue;
    try {
      counts[name] = JSON.parse(readFileSync(file, 'utf8')) as Record<string, number>;
    } catch {
      await sleep(50); // Caught mid-write: once more.
      counts[name] = JSON.parse(readFileSync(file, 'utf8')) as Record<string, number>;
    }
  }
  return counts;
}

export function sqlPerRun(before: SqlCounts, after: SqlCounts, runs: number): SqlPerRun {
  const result: SqlPerRun = { total: {}, top: {} };
  const round = (value: number) => Math.round(value * 1000) / 1000;
  for (const [name, statements] of Object.entries(after)) {
    const spent = Object.entries(statements)
      .map(([text, count]): [string, number] => [text, count - (before[name]?.[text] ?? 0)])
      .filter(([, count]) => count > 0)
      .sort((a, b) => b[1] - a[1]);
    result.total[name] = round(spent.reduce((sum, [, count]) => sum + count, 0) / Math.max(1, runs));
    result.top[name] = spent.slice(0, TOP).map(([text, count]) => [text, round(count / Math.max(1, runs))]);
  }
  return result;
}
