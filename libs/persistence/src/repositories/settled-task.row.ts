import type { TaskKind } from './new-rows';
import type { SettledTask } from './task.rows';

/** What every statement that ends tasks returns about them, for the cascade. */
export const SETTLED_COLUMNS = 't.id, t.run_id, t.key, t.kind, t.parent_task_id, t.status, t.started_at';

export interface SettledRow {
  id: string;
  run_id: string;
  key: string;
  kind: TaskKind;
  parent_task_id: string | null;
  status: SettledTask['status'];
  started_at: Date | null;
}

export function toSettled(row: SettledRow): SettledTask {
  return {
    id: row.id,
    runId: row.run_id,
    key: row.key,
    kind: row.kind,
    parentTaskId: row.parent_task_id,
    status: row.status,
    startedAt: row.started_at,
  };
}
