import { Injectable } from '@nestjs/common';
import { DatabasePool } from '../database-pool';

/** A sub-workflow run, named by the task of the parent run that started it. */
export interface ChildRunRow {
  taskKey: string;
  /** The forEach item that started it; null for a plain sub-workflow task. */
  itemIndex: number | null;
  id: string;
  workflowName: string;
  workflowVersion: number;
  status: string;
  createdAt: Date;
  finishedAt: Date | null;
}

/** One attempt of a top-level task, without its log lines: a bar of the run's timeline. */
export interface AttemptBarRow {
  taskKey: string;
  attempt: number;
  status: string;
  executorId: string | null;
  startedAt: Date | null;
  finishedAt: Date;
  durationMs: number | null;
}

/** What the dashboard's run page reads besides the run itself: its child runs and its attempts. */
@Injectable()
export class RunViewRepository {
  constructor(private readonly database: DatabasePool) {}

  /** childrenOf — the runs started by the run's tasks (its items included), oldest first, at most `limit`. */
  childrenOf(runId: string, limit: number): Promise<ChildRunRow[]> {
    return this.database.query<ChildRunRow>(
      `SELECT t.key AS "taskKey", t.item_index AS "itemIndex", r.id, r.workflow_name AS "workflowName",
              r.workflow_version AS "workflowVersion", r.status, r.created_at AS "createdAt", r.finished_at AS "finishedAt"
         FROM tasks t JOIN runs r ON r.parent_task_id = t.id
        WHERE t.run_id = $1
        ORDER BY r.created_at, r.id
        LIMIT $2`,
      [runId, limit],
    );
  }

  /**
   * attemptsOf — every finished attempt of the run's top-level tasks (forEach
   * items left out: a group is one bar), in start order, at most `limit`.
   */
  attemptsOf(runId: string, limit: number): Promise<AttemptBarRow[]> {
    return this.database.query<AttemptBarRow>(
      `SELECT t.key AS "taskKey", a.attempt, a.status, a.executor_id AS "executorId", a.started_at AS "startedAt",
              a.finished_at AS "finishedAt", a.duration_ms AS "durationMs"
         FROM task_attempts a JOIN tasks t ON t.id = a.task_id
        WHERE a.run_id = $1 AND t.parent_task_id IS NULL
        ORDER BY a.started_at NULLS LAST, t.key, a.attempt
        LIMIT $2`,
      [runId, limit],
    );
  }
}
