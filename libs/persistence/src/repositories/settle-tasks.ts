import type { TaskFailure } from '@taskloom/sdk';
import { jsonArray, queryRows, type Db } from '../sql';
import { SETTLED_COLUMNS, toSettled, type SettledRow } from './settled-task.row';
import type { SettledTask } from './task.rows';

/** Why a task was skipped: not a failure, but stored where a failure would be, for the run's page. */
export interface SkipReason {
  /** Its `when` condition was false, or its trigger rule could no longer hold. */
  reason: 'condition' | 'trigger';
  message: string;
}

/** A task to end, with what it ends with. */
export interface Settlement {
  id: string;
  status: SettledTask['status'];
  output?: unknown;
  error?: TaskFailure | SkipReason | null;
}

/** The state a task must be in to be settled by each caller: the fence of the one statement below. */
export const SETTLE_FROM = {
  /** A dependent that ends without running (skipped, failed to render, a group with nothing to do). */
  blocked: `t.status = 'blocked'`,
  /** A forEach group or sub-workflow task that was waiting for its children. */
  runningGroup: `t.status = 'running' AND t.kind IN ('foreach', 'workflow')`,
  /** A durable sleep or signal wait that ended (its time came, a signal arrived, its timeout passed). */
  waiting: `t.status = 'waiting'`,
  /** A task that waited too long to start (queueTimeoutMs), fenced by the attempt that waited. */
  unstarted: `t.status IN ('ready', 'queued')`,
} as const;

/**
 * settleTasks — inputs: tasks with their terminal status, output and error;
 * which state they must still be in (SETTLE_FROM). Tasks no longer in it
 * (settled by a concurrent writer) are left as they are.
 * Outputs: the tasks this call ended, for the cascade.
 */
export async function settleTasks(
  db: Db,
  from: keyof typeof SETTLE_FROM,
  entries: readonly Settlement[],
): Promise<SettledTask[]> {
  if (entries.length === 0) return [];
  const rows = await queryRows<SettledRow>(
    db,
    `UPDATE tasks t SET status = e.status, output = e.output, error = e.error, finished_at = now()
       FROM unnest($1::uuid[], $2::text[], $3::jsonb[], $4::jsonb[]) AS e(id, status, output, error)
      WHERE t.id = e.id AND ${SETTLE_FROM[from]}
      RETURNING ${SETTLED_COLUMNS}`,
    [
      entries.map((e) => e.id),
      entries.map((e) => e.status),
      jsonArray(entries.map((e) => e.output)),
      jsonArray(entries.map((e) => e.error)),
    ],
  );
  return rows.map(toSettled);
}
