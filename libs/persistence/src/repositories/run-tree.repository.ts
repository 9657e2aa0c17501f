import { Injectable } from '@nestjs/common';
import { queryRows, type Db } from '../sql';

export interface TreeCharge {
  /** The run about to create something: a sub-workflow run, forEach items. */
  runId: string;
  runs: number;
  tasks: number;
}

@Injectable()
export class RunTreeRepository {
  /**
   * charge — inputs: a run of the tree, what it is about to create, and the
   * tree's limits. Finds the root by walking parent runs up (a sub-workflow
   * run's parent_task_id belongs to its parent run; nesting is bounded).
   * Effect: adds the charge to the root's counters, creating them at the
   * first charge, but only if the totals stay within the limits; the row
   * lock serialises concurrent charges of one tree.
   * Outputs: true when charged, false when the charge would pass a limit
   * (nothing changes then).
   */
  async charge(db: Db, charge: TreeCharge, maxRuns: number, maxTasks: number): Promise<boolean> {
    const rows = await queryRows<{ runs: number }>(
      db,
      `WITH RECURSIVE chain(run_id, depth) AS (
         SELECT $1::uuid, 0
         UNION ALL
         SELECT t.run_id, c.depth + 1 FROM chain c JOIN runs r ON r.id = c.run_id JOIN tasks t ON t.id = r.parent_task_id
          WHERE c.depth < 100),
       root AS (SELECT run_id FROM chain ORDER BY depth DESC LIMIT 1)
       INSERT INTO run_trees (root_run_id, runs, tasks)
       SELECT run_id, $2::int, $3::int FROM root WHERE $2::int <= $4::int AND $3::int <= $5::int
       ON CONFLICT (root_run_id) DO UPDATE
         SET runs = run_trees.runs + EXCLUDED.runs, tasks = run_trees.tasks + EXCLUDED.tasks
       WHERE run_trees.runs + EXCLUDED.runs <= $4::int AND run_trees.tasks + EXCLUDED.tasks <= $5::int
       RETURNING runs`,
      [charge.runId, charge.runs, charge.tasks, maxRuns, maxTasks],
    );
    return rows.length > 0;
  }
}
