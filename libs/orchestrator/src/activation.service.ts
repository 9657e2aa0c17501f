import { Inject, Injectable } from '@nestjs/common';
import { describeFailure } from '@taskloom/sdk';
import { TASKLOOM_CONFIG, type TaskloomConfig } from '@taskloom/config';
import {
  evaluateCondition,
  evaluateForEach,
  renderTemplate,
  type JsonValue,
  type PlannedTask,
  type TemplateScope,
} from '@taskloom/engine';
import {
  RunRepository,
  SubRunQueueRepository,
  TaskDispatchRepository,
  TaskGroupRepository,
  TaskReadinessRepository,
  type Db,
  type NewTaskRow,
  type RunContext,
  type SettledTask,
  type Settlement,
} from '@taskloom/persistence';
import { priorityRank, TaskRouting } from '@taskloom/queue';
import { randomUUID } from 'node:crypto';
import { dispatchBonusMs } from './dispatch-order';
import { PlanCache, type CompiledWorkflow } from './plan-cache.service';
import type { BuiltRun } from './run-builder';
import { RunTreeBudget } from './run-tree-budget.service';
import { assertStorable } from './stored-value';

/** A fan-out past RUN_TREE_MAX_TASKS: the forEach task fails. */
class RunTreeLimitExceeded extends Error {
  override readonly name = 'RunTreeLimitExceeded';
}

export interface ActivationCandidate {
  id: string;
  runId: string;
  key: string;
}

interface Decided {
  ready: { id: string; input: unknown; queue: string; dispatchBonusMs: number }[];
  settle: Settlement[];
  groups: { id: string; childrenTotal: number; input?: unknown }[];
  items: NewTaskRow[];
  /** Sub-workflow tasks started now whose child run a later unit of work creates (SubRunLaunchService). */
  subRuns: string[];
}

/**
 * A task whose trigger rule holds is activated: its `when` decides whether it
 * runs at all, then its input is rendered from its ancestors' outputs and it
 * becomes ready — or fans out into items, or starts a sub-workflow run.
 */
@Injectable()
export class ActivationService {
  constructor(
    @Inject(TASKLOOM_CONFIG) private readonly config: TaskloomConfig,
    private readonly plans: PlanCache,
    private readonly runs: RunRepository,
    private readonly dispatch: TaskDispatchRepository,
    private readonly groups: TaskGroupRepository,
    private readonly taskReadiness: TaskReadinessRepository,
    private readonly routing: TaskRouting,
    private readonly subRuns: SubRunQueueRepository,
    private readonly budget: RunTreeBudget,
  ) {}

  /** Returns the candidates that ended at once (skipped, failed to render, empty fan-out). */
  async activate(db: Db, candidates: readonly ActivationCandidate[]): Promise<SettledTask[]> {
    if (candidates.length === 0) return [];
    const runs = await this.runs.contexts(db, [...new Set(candidates.map((c) => c.runId))]);
    const workflows = new Map<string, CompiledWorkflow>();
    for (const run of runs.values()) workflows.set(run.id, await this.plans.get(run.definitionId, db));
    const scopes = await this.loadScopes(db, candidates, runs, workflows);

    const decided: Decided = { ready: [], settle: [], groups: [], items: [], subRuns: [] };
    for (const candidate of candidates) {
      const run = runs.get(candidate.runId);
      const planned = workflows.get(candidate.runId)?.plan.byKey.get(candidate.key);
      if (!run || !planned) continue;
      try {
        await this.decide(db, candidate, planned, run, scopes.get(candidate.runId)!, workflows.get(run.id)!, decided);
      } catch (error) {
        decided.settle.push({ id: candidate.id, status: 'failed', error: describeFailure(error) });
      }
    }

    await this.taskReadiness.markReady(db, decided.ready);
    await this.groups.startGroups(db, decided.groups);
    await this.subRuns.enqueue(db, decided.subRuns);
    await this.dispatch.insertTasks(db, decided.items);
    return this.taskReadiness.settleBlocked(db, decided.settle);
  }

  /**
   * Makes a new run's plain roots ready before they are inserted. A root
   * reads nothing but the run's input, so it needs none of activate()'s
   * queries — the hot path of run creation. Returns the roots that still
   * need activate(): conditions, fan-outs, sub-workflows, and inputs that
   * fail to render (activate() records the failure).
   */
  async readyNewRoots(workflow: CompiledWorkflow, built: BuiltRun): Promise<ActivationCandidate[]> {
    const scope: TemplateScope = {
      run: { id: built.run.id, input: built.run.input as JsonValue, tenant: built.run.tenant },
      tasks: {},
    };
    const rows = new Map(built.tasks.map((row) => [row.id, row]));
    const remaining: ActivationCandidate[] = [];
    for (const root of built.roots) {
      const planned = workflow.plan.byKey.get(root.key)!;
      const row = rows.get(root.id)!;
      if (planned.kind === 'workflow' || planned.forEach !== undefined || planned.when !== undefined) {
        remaining.push(root);
        continue;
      }
      try {
        const ready = await this.readiness(
          planned,
          scope,
          dispatchBonusMs(row.priority, this.config.queue.priorityAgingMs),
        );
        Object.assign(row, { status: 'ready', attempt: 1, ...ready });
      } catch {
        remaining.push(root);
      }
    }
    return remaining;
  }

  private async decide(
    db: Db,
    candidate: ActivationCandidate,
    planned: PlannedTask,
    run: RunContext,
    scope: TemplateScope,
    workflow: CompiledWorkflow,
    decided: Decided,
  ): Promise<void> {
    if (planned.when !== undefined && !(await evaluateCondition(planned.when, scope))) {
      decided.settle.push({
        id: candidate.id,
        status: 'skipped',
        error: { reason: 'condition', message: `when: ${planned.when} is false` },
      });
      return;
    }
    const rank = workflow.explicitPriority.has(planned.key) ? priorityRank(planned.priority) : run.priority;
    const bonus = dispatchBonusMs(rank, this.config.queue.priorityAgingMs);

    if (planned.kind === 'workflow') {
      // The task starts now; its child run is created after this commits, in a transaction of its own.
      const input = await renderTemplate(planned.input, scope);
      assertStorable(input, 'input', this.config.limits.runInputBytes, 'RUN_INPUT_MAX_BYTES');
      decided.groups.push({ id: candidate.id, childrenTotal: 1, input });
      decided.subRuns.push(candidate.id);
      return;
    }
    if (planned.forEach !== undefined) {
      const items = await evaluateForEach(planned.forEach, scope);
      if (items.length > this.config.engine.forEachMaxItems) {
        throw new RangeError(
          `forEach produced ${items.length} items; the limit is ${this.config.engine.forEachMaxItems} (FOREACH_MAX_ITEMS)`,
        );
      }
      if (items.length === 0) {
        decided.settle.push({ id: candidate.id, status: 'succeeded', output: [] });
        return;
      }
      const refused = await this.budget.charge(db, candidate.runId, 0, items.length);
      if (refused) throw new RunTreeLimitExceeded(`forEach of ${items.length} items: ${refused}`);
      const rendered: NewTaskRow[] = [];
      const { taskInputBytes } = this.config.limits;
      const fanOutBytes = this.config.engine.forEachInputMaxBytes;
      let renderedBytes = 0;
      for (let index = 0; index < items.length; index += 1) {
        const itemScope: TemplateScope = { ...scope, item: items[index], index };
        // Checked item by item as they render, so a fan-out of huge inputs stops at its first excess.
        const input = await renderTemplate(planned.input, itemScope);
        const left = fanOutBytes - renderedBytes;
        renderedBytes += assertStorable(
          input,
          `input of item ${index}`,
          Math.min(taskInputBytes, left),
          left < taskInputBytes ? 'FOREACH_INPUT_MAX_BYTES (all items together)' : 'TASK_INPUT_MAX_BYTES',
        );
        rendered.push({
          id: randomUUID(),
          runId: candidate.runId,
          key: planned.key,
          kind: 'item',
          type: planned.type ?? null,
          status: 'ready',
          priority: rank,
          attempt: 1,
          maxAttempts: planned.retry.maxAttempts,
          timeoutMs: planned.timeoutMs,
          retry: planned.retry,
          input,
          queue: await this.queueFor(planned, itemScope),
          depsTotal: 0,
          parentTaskId: candidate.id,
          itemIndex: index,
          dispatchBonusMs: bonus,
        });
      }
      decided.groups.push({ id: candidate.id, childrenTotal: items.length });
      decided.items.push(...rendered);
      return;
    }
    decided.ready.push({ id: candidate.id, ...(await this.readiness(planned, scope, bonus)) });
  }

  /** What a plain task needs to become ready: its rendered input and the queue its routing key picks. */
  private async readiness(
    planned: PlannedTask,
    scope: TemplateScope,
    bonus: number,
  ): Promise<{ input: JsonValue; queue: string; dispatchBonusMs: number }> {
    const input = await renderTemplate(planned.input, scope);
    assertStorable(input, 'input', this.config.limits.taskInputBytes, 'TASK_INPUT_MAX_BYTES');
    return { input, queue: await this.queueFor(planned, scope), dispatchBonusMs: bonus };
  }

  private async queueFor(planned: PlannedTask, scope: TemplateScope): Promise<string> {
    const affinity = planned.affinity === undefined ? undefined : await renderTemplate(planned.affinity, scope);
    return this.routing.queueFor(
      planned.type!,
      affinity === undefined || affinity === null ? undefined : String(affinity),
    );
  }

  /** One query for the outputs every candidate's templates read, across all runs in the batch. */
  private async loadScopes(
    db: Db,
    candidates: readonly ActivationCandidate[],
    runs: ReadonlyMap<string, RunContext>,
    workflows: ReadonlyMap<string, CompiledWorkflow>,
  ): Promise<Map<string, TemplateScope>> {
    const refs = new Map<string, { runId: string; key: string }>();
    for (const candidate of candidates) {
      const planned = workflows.get(candidate.runId)?.plan.byKey.get(candidate.key);
      for (const key of planned?.referencedTasks ?? [])
        refs.set(`${candidate.runId}/${key}`, { runId: candidate.runId, key });
    }
    const scopes = new Map<string, TemplateScope>();
    for (const run of runs.values()) {
      scopes.set(run.id, { run: { id: run.id, input: run.input as JsonValue, tenant: run.tenant }, tasks: {} });
    }
    for (const row of await this.taskReadiness.outputsOf(db, [...refs.values()])) {
      scopes.get(row.runId)!.tasks[row.key] = {
        output: row.output as JsonValue,
        status: row.status,
        error: row.error as JsonValue,
      };
    }
    return scopes;
  }
}
