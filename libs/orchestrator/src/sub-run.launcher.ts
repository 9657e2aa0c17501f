import { Injectable } from '@nestjs/common';
import type { JsonValue, PlannedTask } from '@taskloom/engine';
import {
  RunRepository,
  SubRunRepository,
  TaskGroupRepository,
  WorkflowDefinitionRepository,
  type Db,
  type RunContext,
  type SettledTask,
} from '@taskloom/persistence';
import { PlanCache } from './plan-cache.service';
import { buildRun } from './run-builder';
import { RunConcurrencyKeyFailed, RunConcurrencyKeyService } from './run-concurrency-key.service';
import { RunTreeBudget } from './run-tree-budget.service';
import { MAX_SUB_WORKFLOW_DEPTH } from './sub-run-depth';

type ActivateRoots = (roots: { id: string; runId: string; key: string }[]) => Promise<SettledTask[]>;

export { MAX_SUB_WORKFLOW_DEPTH };

/**
 * Creates the child run of a `workflow` task that has started ('running',
 * its rendered input stored): the task stays running until the child run
 * ends, and the child's output becomes the task's output (see
 * CascadeService). The child run, with its tasks, is charged to the root
 * run's tree first (RunTreeBudget): a launch past RUN_TREE_MAX_RUNS or
 * RUN_TREE_MAX_TASKS, too deep a nesting or an unknown workflow fails the
 * task instead. The child's roots are activated in the same transaction;
 * a root that is itself a sub-workflow only queues its own launch
 * (SubRunLaunchService), so no transaction creates more than one run.
 */
@Injectable()
export class SubRunLauncher {
  constructor(
    private readonly budget: RunTreeBudget,
    private readonly definitions: WorkflowDefinitionRepository,
    private readonly plans: PlanCache,
    private readonly runs: RunRepository,
    private readonly groups: TaskGroupRepository,
    private readonly subRuns: SubRunRepository,
    private readonly runKeys: RunConcurrencyKeyService,
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
    const refused = await this.budget.charge(db, parent.id, 1, workflow.plan.tasks.length);
    if (refused) return this.fail(db, task.id, 'RunTreeLimitExceeded', refused);
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
    try {
      await this.runKeys.assign(workflow, built.run);
    } catch (error) {
      if (!(error instanceof RunConcurrencyKeyFailed)) throw error;
      return this.fail(db, task.id, error.name, error.message);
    }
    await this.runs.createRuns([built.run], built.tasks, db);
    await this.subRuns.pinParentAttempt(db, built.run.id);
    // A child with a workflow concurrency key is queued: admission activates its roots (ADR 0027).
    return built.run.concurrencyKey ? [] : activateRoots(built.roots);
  }

  private fail(db: Db, taskId: string, name: string, message: string): Promise<SettledTask[]> {
    return this.groups.settleGroups(db, [{ id: taskId, status: 'failed', error: { name, message } }]);
  }
}
