import type { Run, RunTask } from '@taskloom/client';

const DONE: ReadonlySet<string> = new Set(['succeeded', 'failed', 'skipped', 'cancelled']);

/** What the progress display shows of a run snapshot. */
export interface RunProgress {
  status: Run['status'];
  done: number;
  total: number;
  /** Tasks running now, forEach items as `key[index]`. */
  running: string[];
  failed: string[];
}

/** Counts the run's top-level tasks (a forEach group is one, done when all its items are). */
export function runProgress(run: Run): RunProgress {
  const running: string[] = [];
  const failed: string[] = [];
  for (const task of run.tasks) collect(task, running, failed);
  return {
    status: run.status,
    done: run.tasks.filter((task) => DONE.has(task.status)).length,
    total: run.tasks.length,
    running,
    failed,
  };
}

function collect(task: RunTask | NonNullable<RunTask['items']>[number], running: string[], failed: string[]): void {
  const items = 'items' in task ? task.items : undefined;
  if (items && items.length > 0) {
    for (const item of items) {
      const name = `${task.key}[${item.index}]`;
      if (item.status === 'running') running.push(name);
      if (item.status === 'failed') failed.push(name);
    }
    return;
  }
  if (task.status === 'running') running.push(task.key);
  if (task.status === 'failed') failed.push(task.key);
}
