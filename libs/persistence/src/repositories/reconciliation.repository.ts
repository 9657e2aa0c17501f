import type { RetryPolicy } from '@taskloom/engine';
import { Injectable } from '@nestjs/common';
import { DatabasePool } from '../database-pool';
import { queryRows } from '../sql';
import { toClaimedTask, type ClaimedTaskRow } from './claimed-task.row';
import type { ClaimedTask } from './task.rows';

export interface RunningAttempt {
  taskId: string;
  runId: string;
  definitionId: string;
  attempt: number;
  maxAttempts: number;
  retry: RetryPolicy | null;
  priority: number;
  executorId: string;
  startedAt: Date | null;
}

/** The read side of the router's reconciler: rows whose transport may have been lost. */
@Injectable()
export class ReconciliationRepository {
  constructor(private readonly database: DatabasePool) {}

  /** Tasks marked queued longer than the grace period: their queue job may be gone (Redis flushed, router killed). */
  async queuedLongerThan(graceMs: number, limit: number): Promise<ClaimedTask[]> {
    const rows = await queryRows<ClaimedTaskRow>(
      this.database.db,
      `SELECT t.id, t.run_id, r.definition_id, t.key, t.type, t.attempt, t.max_attempts, t.input, t.timeout_ms, t.retry,
              t.priority, t.queue, t.available_at, r.traceparent
         FROM tasks t JOIN runs r ON r.id = t.run_id
        WHERE t.status = 'queued' AND t.queued_at < now() - $1 * interval '1 millisecond'
        ORDER BY t.queued_at LIMIT $2`,
      [graceMs, limit],
    );
    return rows.map(toClaimedTask);
  }

  /**
   * Attempts still 'running' on executors that are gone: their heartbeat is
   * older than `afterMs`, or they said they stopped with work in hand.
   */
  async runningOnLostExecutors(afterMs: number, limit: number): Promise<RunningAttempt[]> {
    const rows = await queryRows<{
      id: string;
      run_id: string;
      definition_id: string;
      attempt: number;
      max_attempts: number;
      retry: RetryPolicy | null;
      priority: number;
      executor_id: string;
      started_at: Date | null;
    }>(
      this.database.db,
      `SELECT t.id, t.run_id, r.definition_id, t.attempt, t.max_attempts, t.retry, t.priority, t.executor_id, t.started_at
         FROM tasks t JOIN executors e ON e.id = t.executor_id JOIN runs r ON r.id = t.run_id
        WHERE t.status = 'running'
          AND (e.stopped_at IS NOT NULL OR e.heartbeat_at < now() - $1 * interval '1 millisecond')
        LIMIT $2`,
      [afterMs, limit],
    );
    return rows.map((row) => ({
      taskId: row.id,
      runId: row.run_id,
      definitionId: row.definition_id,
      attempt: row.attempt,
      maxAttempts: row.max_attempts,
      retry: row.retry,
      priority: row.priority,
      executorId: row.executor_id,
      startedAt: row.started_at,
    }));
  }

  /** Active runs past their deadline; a queued run's deadline counts while it waits for a slot (ADR 0027). */
  async overdueRuns(limit: number): Promise<string[]> {
    const rows = await queryRows<{ id: string }>(
      this.database.db,
      `SELECT id FROM runs WHERE deadline_at < now() AND status IN ('queued', 'pending', 'running', 'paused') LIMIT $1`,
      [limit],
    );
    return rows.map((row) => row.id);
  }

  /**
   * Tasks 'queued' to one queue for longer than `graceMs`, for the admin
   * drain; bounded by the router's high-water mark on that queue. A task
   * queued more recently may be one a router claimed and is still
   * enqueueing: handing it back would give it a second job.
   */
  async queuedIn(queue: string, graceMs: number): Promise<{ id: string; attempt: number }[]> {
    return queryRows<{ id: string; attempt: number }>(
      this.database.db,
      `SELECT id, attempt FROM tasks
        WHERE status = 'queued' AND queue = $1 AND queued_at < now() - $2 * interval '1 millisecond'`,
      [queue, graceMs],
    );
  }
}
