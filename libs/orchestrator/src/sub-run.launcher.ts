import { Inject, Injectable } from '@nestjs/common';
import type { JsonValue, PlannedTask } from '@taskloom/engine';
import {
  RunRepository,
  TaskRepository,
  WorkflowDefinitionRepository,
  type Db,
  type RunContext,
  type SettledTask,
} from '@taskloom/persistence';
import { TASKLOOM_CONFIG, type TaskloomConfig } from '@taskloom/config';
import { PlanCache } from './plan-cache.service';
import { buildRun } from './run-builder';
import { RunTreeBudget } from './run-tree-budget.service';
import { MAX_SUB_WORKFLOW_DEPTH } from './sub-run-depth';
import { assertStorable, StoredValueError } from './stored-value';

type ActivateRoots = (roots: { id: string; runId: string; key: string }[]) => Promise<SettledTask[]>;

export { MAX_SUB_WORKFLOW_DEPTH };

/**
 * A `workflow` task starts a child run of the named workflow in the same
 * transaction; the task stays 'running' until the child run ends, and the
 * child's output becomes the task's output (see CascadeService). Each
 * child run, with its tasks, is charged to the root run's tree first
 * (RunTreeBudget): a launch past RUN_TREE_MAX_RUNS or RUN_TREE_MAX_TASKS
 * fails the task, which bounds what one root run can create.
 */
@Injectable()
export class SubRunLauncher {
  constructor(
    @Inject(TASKLOOM_CONFIG) private readonly config: TaskloomConfig,
    private readonly budget: RunTreeBudget,
    private readonly definitions: WorkflowDefinitionRepository,
    private readonly plans: PlanCache,
    private readonly runs: RunRepository,
    private readonly tasks: TaskRepository,
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
    const definition =
      target.version === undefined
        ? await this.definitions.findLatest(target.name, db)
        : await this.definitions.findVersion(target.name, target.version, db);
    if (!definition) {
      const version = target.version === undefined ? 'any version' : `version ${target.version}`;
      return this.fail(db, task.id, 'WorkflowNotFound', `workflow ${target.name} (${version}) is not registered`);
    }
    const workflow = await this.plans.get(definition.id, db);
    try {
      assertStorable(input, 'input', this.config.limits.runInputBytes, 'RUN_INPUT_MAX_BYTES');
    } catch (error) {
      if (error instanceof StoredValueError) return this.fail(db, task.id, error.name, error.message);
      throw error;
    }
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
    await this.runs.createRuns([built.run], built.tasks, db);
    await this.tasks.startGroups(db, [{ id: task.id, childrenTotal: 1, input }]);
    return activateRoots(built.roots);
  }

  private fail(db: Db, taskId: string, name: string, message: string): Promise<SettledTask[]> {
    return this.tasks.settleBlocked(db, [{ id: taskId, status: 'failed', error: { name, message } }]);
  }
}
