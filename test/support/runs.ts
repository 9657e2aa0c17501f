import { randomUUID } from 'node:crypto';
import {
  RunRepository,
  TransactionRunner,
  WorkflowDefinitionRepository,
  type DatabasePool,
} from '@taskloom/persistence';

/**
 * A run of a fresh empty workflow, inserted through the repositories, then
 * put in `status` ('running' unless told; 'pending' leaves it as created)
 * so that its tasks can be claimed. For integration suites that insert the
 * tasks themselves.
 */
export async function newRun(
  database: DatabasePool,
  options: { tenant?: string; status?: string } = {},
): Promise<{ runId: string; definitionId: string }> {
  const { tenant = 'default', status = 'running' } = options;
  const name = `wf-${randomUUID()}`;
  const { definition } = await new TransactionRunner(database).run((db) =>
    new WorkflowDefinitionRepository(database).registerVersion(db, name, 'sum', { name, tasks: [] }),
  );
  const runId = randomUUID();
  await new RunRepository(database).createRuns(
    [
      {
        id: runId,
        definitionId: definition.id,
        workflowName: name,
        workflowVersion: definition.version,
        priority: 1,
        input: {},
        tenant,
        idempotencyKey: null,
        tags: [],
        parentTaskId: null,
        tasksRemaining: 1,
        deadlineAt: null,
      },
    ],
    [],
  );
  if (status !== 'pending') await database.query('UPDATE runs SET status = $2 WHERE id = $1', [runId, status]);
  return { runId, definitionId: definition.id };
}
