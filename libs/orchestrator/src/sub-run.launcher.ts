import { Injectable } from '@nestjs/common';
import type { JsonValue, PlannedTask } from '@taskloom/engine';
import {
  RunRepository,
  SubRunRepository,
  TaskRepository,
  WorkflowDefinitionRepository,
  type Db,
  type RunContext,
  type SettledTask,
} from '@taskloom/persistence';
import { PlanCache } from './plan-cache.service';
import { buildRun } from './run-builder';

type ActivateRoots = (roots: { id: string; runId: string; key: string }[]) => Promise<SettledTask[]>;

/** Guards against a workflow that (through its versions) ends up calling itself forever. */
export const MAX_SUB_WORKFLOW_DEPTH = 10;

/**
 * A `workflow` task starts a child run of the named workflow in the same
 * transaction; the task stays 'running' until the child run ends, and the
 * child's output becomes the task's output (see CascadeService).
 */
@Injectable()
export class SubRunLauncher {
  constructor(
    private readonly definitions: WorkflowDefinitionRepository,
    private readonly plans: PlanCache,
    private readonly runs: RunRepository,
    private readonly tasks: TaskRepository,
    private readonly subRuns: SubRunRepository,
  ) {}

  async launch(
    db: Db,
    task: { id: string; runId: string; key: string },
    planned: PlannedTask,
    input: JsonValue,
    parent: RunContext,
    activateRoots: ActivateRoots,
  ): Promise<SettledTask[]> {
    if ((await this.runs.nestingDepth(db, parent.id)) >= MAX_SUB_WORKFLOW_DEPTH) {
      return this.fail(
        db,
        task.id,
        'SubWorkflowTooDeep',
        `sub-workflows nest deeper than ${MAX_SUB_WORKFLOW_DEPTH} levels`,
      );
    }
    const target = planned.workflow!;
    // Resolved within the parent run's tenant, then among workflows shared with it (ADR 0014).
    const resolved = await this.definitions.resolve(
      { tenant: parent.tenant, name: target.name, version: target.version },
      db,
    );
    if (resolved.ambiguous) {
      return this.fail(
        db,
        task.id,
        'WorkflowAmbiguous',
        `workflow ${target.name} is shared with tenant ${parent.tenant} by several tenants, and it owns none of that name`,
      );
    }
    if (!resolved.id) {
      const version = target.version === undefined ? 'any version' : `version ${target.version}`;
      return this.fail(db, task.id, 'WorkflowNotFound', `workflow ${target.name} (${version}) is not registered`);
    }
    const workflow = await this.plans.get(resolved.id, db);
    const built = buildRun(workflow, {
      input,
      priorityRank: parent.priority,
      tenant: parent.tenant,
      tags: [],
      idempotencyKey: null,
      parentTaskId: task.id,
      // A sub-workflow run belongs to its parent's trace.
      traceparent: parent.traceparent,
    });
    await this.runs.createRuns([built.run], built.tasks, db);
    await this.tasks.startGroups(db, [{ id: task.id, childrenTotal: 1, input }]);
    await this.subRuns.pinParentAttempt(db, built.run.id);
    return activateRoots(built.roots);
  }

  private fail(db: Db, taskId: string, name: string, message: string): Promise<SettledTask[]> {
    return this.tasks.settleBlocked(db, [{ id: taskId, status: 'failed', error: { name, message } }]);
  }
}
