import { Injectable } from '@nestjs/common';
import { execute, queryRows, type Db } from '../sql';

/**
 * Fences sub-workflow runs by the attempt of the parent task that launched
 * them: a retried parent launches a new child, and the old child (retried
 * by hand, cancelled) must not end the parent's new attempt.
 */
@Injectable()
export class SubRunRepository {
  /** pinParentAttempt — the child run keeps its parent task's current attempt (call after the task started). */
  async pinParentAttempt(db: Db, childRunId: string): Promise<void> {
    await execute(
      db,
      `UPDATE runs r SET parent_attempt = t.attempt FROM tasks t WHERE r.id = $1 AND t.id = r.parent_task_id`,
      [childRunId],
    );
  }

  /**
   * currentChildren — inputs: ids of sub-workflow runs that just ended.
   * Outputs: those launched by their parent task's current attempt (runs
   * from before the fence, with no attempt kept, count as current).
   */
  async currentChildren(db: Db, runIds: readonly string[]): Promise<Set<string>> {
    if (runIds.length === 0) return new Set();
    const rows = await queryRows<{ id: string }>(
      db,
      `SELECT r.id FROM runs r JOIN tasks t ON t.id = r.parent_task_id
        WHERE r.id = ANY($1::uuid[]) AND (r.parent_attempt IS NULL OR r.parent_attempt = t.attempt)`,
      [runIds],
    );
    return new Set(rows.map((row) => row.id));
  }
}
