import { Inject, Injectable } from '@nestjs/common';
import { TASKLOOM_CONFIG, type TaskloomConfig } from '@taskloom/config';
import { DefinitionError, type WorkflowDefinition } from '@taskloom/engine';
import { RunTreeRepository, WorkflowDefinitionRepository, type Db } from '@taskloom/persistence';
import { MAX_SUB_WORKFLOW_DEPTH } from './sub-run-depth';

/** Runs and tasks a definition creates through its sub-workflows, counting each forEach as one item. */
interface TreeSize {
  runs: number;
  tasks: number;
}

/**
 * Bounds what one root run may create through sub-workflows and forEach
 * fan-outs: RUN_TREE_MAX_RUNS runs and RUN_TREE_MAX_TASKS tasks (forEach
 * items included; the root's own tasks are bounded by the definition
 * limits). Known statically, it refuses the definition at registration;
 * at run time, each sub-workflow run and each fan-out is charged to the
 * root before it is created, and one that would pass a limit fails its
 * task instead.
 */
@Injectable()
export class RunTreeBudget {
  constructor(
    @Inject(TASKLOOM_CONFIG) private readonly config: TaskloomConfig,
    private readonly trees: RunTreeRepository,
    private readonly definitions: WorkflowDefinitionRepository,
  ) {}

  /** Charges a creation to the run's tree; returns why it is refused, or undefined when charged. */
  async charge(db: Db, runId: string, runs: number, tasks: number): Promise<string | undefined> {
    const { runTreeMaxRuns, runTreeMaxTasks } = this.config.limits;
    if (await this.trees.charge(db, { runId, runs, tasks }, runTreeMaxRuns, runTreeMaxTasks)) return undefined;
    return `creating ${runs} run(s) and ${tasks} task(s) more would pass the limits for one root run: RUN_TREE_MAX_RUNS ${runTreeMaxRuns}, RUN_TREE_MAX_TASKS ${runTreeMaxTasks}`;
  }

  /** Refuses a definition whose sub-workflows alone (every forEach at one item) already pass a limit. */
  async assertDefinition(definition: WorkflowDefinition, tenant: string): Promise<void> {
    const { runTreeMaxRuns, runTreeMaxTasks } = this.config.limits;
    const size = await this.sizeOf(definition, tenant, 0, new Map());
    if (size.runs <= runTreeMaxRuns && size.tasks <= runTreeMaxTasks) return;
    throw new DefinitionError([
      {
        path: 'tasks',
        message: `a run of ${definition.name} would create at least ${size.runs} sub-workflow run(s) and ${size.tasks} task(s) in them; the limits for one root run are RUN_TREE_MAX_RUNS ${runTreeMaxRuns} and RUN_TREE_MAX_TASKS ${runTreeMaxTasks}`,
      },
    ]);
  }

  /** Stops counting past the limits, so a bomb costs a few lookups, not its size. */
  private async sizeOf(
    definition: WorkflowDefinition,
    tenant: string,
    depth: number,
    memo: Map<string, TreeSize>,
  ): Promise<TreeSize> {
    const size: TreeSize = { runs: 0, tasks: 0 };
    if (depth >= MAX_SUB_WORKFLOW_DEPTH) return size;
    for (const task of definition.tasks) {
      if (task.workflow === undefined) continue;
      const target = typeof task.workflow === 'string' ? { name: task.workflow } : task.workflow;
      const key = `${target.name}@${target.version ?? 'latest'}`;
      let sub = memo.get(key);
      if (!sub) {
        // Resolved as a run of this tenant would resolve it when it launches (ADR 0014).
        const resolved = await this.definitions.resolve({ tenant, name: target.name, version: target.version });
        const row = resolved.id ? await this.definitions.findRow(resolved.id) : undefined;
        const child = row?.definition;
        sub = child ? await this.sizeOf(child, tenant, depth + 1, memo) : { runs: 0, tasks: 0 };
        if (child) sub = { runs: sub.runs + 1, tasks: sub.tasks + child.tasks.length };
        memo.set(key, sub);
      }
      size.runs += sub.runs;
      size.tasks += sub.tasks;
      if (size.runs > this.config.limits.runTreeMaxRuns || size.tasks > this.config.limits.runTreeMaxTasks) break;
    }
    return size;
  }
}
