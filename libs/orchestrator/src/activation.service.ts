import { Inject, Injectable } from '@nestjs/common';
import { describeFailure } from '@taskloom/sdk';
import { TASKLOOM_CONFIG, type TaskloomConfig } from '@taskloom/config';
import {
  qualifiedConcurrencyKey,
  rateBucketOf,
  resolveSleep,
  type RateLimitDefault,
  type JsonValue,
  type PlannedTask,
  type RenderedInput,
  type RenderedTask,
  type TemplateScope,
} from '@taskloom/engine';
import {
  newRowId,
  RunRepository,
  SubRunQueueRepository,
  TaskDispatchRepository,
  TaskGroupRepository,
  TaskReadinessRepository,
  TaskWaitRepository,
  type Db,
  type NewTaskRow,
  type RunContext,
  type SettledTask,
  type ReadyEntry,
  type Settlement,
  type WaitStart,
} from '@taskloom/persistence';
import { priorityRank, TaskRouting } from '@taskloom/queue';
import { dispatchBonusMs } from './dispatch-order';
import { ExpressionEvaluator } from './expressions/expression-evaluator.service';
import { ExpressionPoolClosed } from './expressions/expression-pool';
import { PlanCache, type CompiledWorkflow } from './plan-cache.service';
import { RateLimitDefaults } from './rate-limit-defaults.service';
import type { BuiltRun } from './run-builder';
import { RunTreeBudget } from './run-tree-budget.service';
import { SignalDeliveryService } from './waits/signal-delivery.service';

/** A fan-out past RUN_TREE_MAX_TASKS: the forEach task fails. */
class RunTreeLimitExceeded extends Error {
  override readonly name = 'RunTreeLimitExceeded';
}

export interface ActivationCandidate {
  id: string;
  runId: string;
  key: string;
}

/** A task's templates evaluated, or why they could not be. */
export type Rendering = { rendered: RenderedTask } | { error: unknown };

/** New runs' roots whose templates were evaluated before the transaction that inserts them. */
export interface NewRoots {
  /** Roots that still need activate(), with what their templates gave. */
  remaining: ActivationCandidate[];
  renderings: Map<string, Rendering>;
}

interface Decided {
  ready: ReadyEntry[];
  settle: Settlement[];
  groups: { id: string; childrenTotal: number; input?: unknown }[];
  items: NewTaskRow[];
  /** Sub-workflow tasks started now whose child run a later unit of work creates (SubRunLaunchService). */
  subRuns: string[];
  /** Sleeps and signal waits that start now. */
  waits: WaitStart[];
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
    private readonly expressions: ExpressionEvaluator,
    private readonly waits: TaskWaitRepository,
    private readonly signals: SignalDeliveryService,
    private readonly rateDefaults: RateLimitDefaults,
  ) {}

  /**
   * Returns the candidates that ended at once (skipped, failed to render,
   * empty fan-out). Runs inside the caller's transaction: the candidates'
   * templates are evaluated together, each bounded by EXPRESSION_TIMEOUT_MS,
   * so a hostile expression holds the transaction for at most that long per
   * expression worker's share of the batch. `renderings` are templates
   * already evaluated (new runs' roots, before their transaction opened).
   */
  async activate(
    db: Db,
    candidates: readonly ActivationCandidate[],
    renderings: ReadonlyMap<string, Rendering> = new Map(),
  ): Promise<SettledTask[]> {
    if (candidates.length === 0) return [];
    const runs = await this.runs.contexts(db, [...new Set(candidates.map((c) => c.runId))]);
    const workflows = new Map<string, CompiledWorkflow>();
    for (const run of runs.values()) workflows.set(run.id, await this.plans.get(run.definitionId, db));
    const scopes = await this.loadScopes(db, candidates, runs, workflows);
    const planned = new Map<string, PlannedTask>();
    for (const candidate of candidates) {
      const task = workflows.get(candidate.runId)?.plan.byKey.get(candidate.key);
      if (runs.has(candidate.runId) && task) planned.set(candidate.id, task);
    }
    const rendered = await Promise.all(
      candidates.map((candidate) => {
        const task = planned.get(candidate.id);
        if (!task) return undefined;
        return renderings.get(candidate.id) ?? this.render(task, scopes.get(candidate.runId)!);
      }),
    );

    const typeDefaults = await this.rateDefaults.current(db);
    const decided: Decided = { ready: [], settle: [], groups: [], items: [], subRuns: [], waits: [] };
    for (const [index, candidate] of candidates.entries()) {
      const run = runs.get(candidate.runId);
      const task = planned.get(candidate.id);
      if (!run || !task) continue;
      try {
        const workflow = workflows.get(run.id)!;
        await this.decide(db, candidate, task, run, rendered[index]!, { workflow, typeDefaults }, decided);
      } catch (error) {
        decided.settle.push({ id: candidate.id, status: 'failed', error: describeFailure(error) });
      }
    }

    await this.taskReadiness.markReady(db, decided.ready);
    await this.groups.startGroups(db, decided.groups);
    await this.subRuns.enqueue(db, decided.subRuns);
    await this.dispatch.insertTasks(db, decided.items);
    const settled = await this.taskReadiness.settleBlocked(db, decided.settle);
    return [...settled, ...(await this.startWaits(db, decided.waits))];
  }

  /** Sleeps and signal waits start; a signal kept for a task that now waits is delivered at once. */
  private async startWaits(db: Db, waits: readonly WaitStart[]): Promise<SettledTask[]> {
    if (waits.length === 0) return [];
    const started = new Set(await this.waits.startWaiting(db, waits));
    // A run whose first task to start is a wait is running from now, as if an executor had started it.
    const runIds = [...new Set(waits.filter((wait) => started.has(wait.id)).map((wait) => wait.runId))].sort();
    await this.runs.markStarted(db, runIds);
    const signalRuns = [...new Set(waits.filter((wait) => wait.signal !== undefined).map((wait) => wait.runId))];
    if (signalRuns.length === 0) return [];
    return this.signals.deliver(db, signalRuns, waits.length);
  }

  /**
   * Evaluates a new run's roots before it is inserted, outside any
   * transaction, and makes the plain ones ready — the hot path of run
   * creation. A root reads nothing but the run's input. Returns the roots
   * that still need activate() (conditions, fan-outs, sub-workflows, and
   * templates that failed, whose failure activate() records) with what their
   * templates gave, so activate() evaluates nothing again.
   */
  async readyNewRoots(workflow: CompiledWorkflow, built: BuiltRun): Promise<NewRoots> {
    const scope: TemplateScope = {
      run: { id: built.run.id, input: built.run.input as JsonValue, tenant: built.run.tenant },
      tasks: {},
    };
    const rows = new Map(built.tasks.map((row) => [row.id, row]));
    const roots = built.roots.map((root) => ({ root, planned: workflow.plan.byKey.get(root.key)! }));
    const renderings = await Promise.all(roots.map(({ planned }) => this.render(planned, scope)));
    const typeDefaults = await this.rateDefaults.current();
    const workflowName = workflow.plan.definition.name;
    const remaining: NewRoots = { remaining: [], renderings: new Map() };
    for (const [index, { root, planned }] of roots.entries()) {
      const rendering = renderings[index]!;
      if (planned.kind === 'task' && 'rendered' in rendering && rendering.rendered.outcome === 'one') {
        const { input, affinity } = rendering.rendered.rendered;
        const priority = rows.get(root.id)!.priority;
        let concurrency: Concurrency & RateLimit;
        try {
          concurrency = {
            ...concurrencyOf(planned, rendering.rendered.rendered, built.run.tenant),
            ...rateOf(planned, rendering.rendered.rendered, built.run.tenant, workflowName, typeDefaults),
          };
        } catch (error) {
          // activate() records the failure, as for a template that does not evaluate.
          remaining.remaining.push(root);
          remaining.renderings.set(root.id, { error });
          continue;
        }
        Object.assign(rows.get(root.id)!, {
          status: 'ready',
          attempt: 1,
          input,
          queue: this.queueFor(planned, affinity),
          dispatchBonusMs: dispatchBonusMs(priority, this.config.queue.priorityAgingMs),
          ...concurrency,
        });
        continue;
      }
      remaining.remaining.push(root);
      remaining.renderings.set(root.id, rendering);
    }
    return remaining;
  }

  /** Evaluates a task's templates; a failure is kept as the task's outcome, except the pool shutting down. */
  private async render(planned: PlannedTask, scope: TemplateScope): Promise<Rendering> {
    try {
      return { rendered: await this.expressions.renderTask(planned, scope) };
    } catch (error) {
      // Not the task's fault: the transaction fails and its work is done again by a process still running.
      if (error instanceof ExpressionPoolClosed) throw error;
      return { error };
    }
  }

  private async decide(
    db: Db,
    candidate: ActivationCandidate,
    planned: PlannedTask,
    run: RunContext,
    rendering: Rendering,
    { workflow, typeDefaults }: { workflow: CompiledWorkflow; typeDefaults: ReadonlyMap<string, RateLimitDefault> },
    decided: Decided,
  ): Promise<void> {
    const rate = (rendered: RenderedInput) =>
      rateOf(planned, rendered, run.tenant, workflow.plan.definition.name, typeDefaults);
    if ('error' in rendering) throw rendering.error;
    const { rendered } = rendering;
    if (rendered.outcome === 'skipped') {
      decided.settle.push({
        id: candidate.id,
        status: 'skipped',
        error: { reason: 'condition', message: `when: ${planned.when} is false` },
      });
      return;
    }
    if (rendered.outcome === 'too-many-items') throw new Error('unreachable: refused by checkRenderedTask');
    const rank = workflow.explicitPriority.has(planned.key) ? priorityRank(planned.priority) : run.priority;
    const bonus = dispatchBonusMs(rank, this.config.queue.priorityAgingMs);

    if (rendered.outcome === 'one' && planned.kind === 'sleep') {
      const input = rendered.rendered.input;
      decided.waits.push({ id: candidate.id, runId: candidate.runId, input, ...resolveSleep(input) });
      return;
    }
    if (rendered.outcome === 'one' && planned.kind === 'signal') {
      const { signal, timeoutMs } = planned.waitFor!;
      decided.waits.push({
        id: candidate.id,
        runId: candidate.runId,
        input: { signal, ...(timeoutMs !== undefined && { timeoutMs }) },
        signal,
        ...(timeoutMs !== undefined && { delayMs: timeoutMs }),
      });
      return;
    }
    if (rendered.outcome === 'one' && planned.kind === 'workflow') {
      // The task starts now; its child run is created after this commits, in a transaction of its own.
      decided.groups.push({ id: candidate.id, childrenTotal: 1, input: rendered.rendered.input });
      decided.subRuns.push(candidate.id);
      return;
    }
    if (rendered.outcome === 'one') {
      const { input, affinity } = rendered.rendered;
      decided.ready.push({
        id: candidate.id,
        input,
        queue: this.queueFor(planned, affinity),
        dispatchBonusMs: bonus,
        ...concurrencyOf(planned, rendered.rendered, run.tenant),
        ...rate(rendered.rendered),
      });
      return;
    }
    const { items } = rendered;
    if (items.length === 0) {
      decided.settle.push({ id: candidate.id, status: 'succeeded', output: [] });
      return;
    }
    const refused = await this.budget.charge(db, candidate.runId, 0, items.length);
    if (refused) throw new RunTreeLimitExceeded(`forEach of ${items.length} items: ${refused}`);
    decided.groups.push({ id: candidate.id, childrenTotal: items.length });
    for (const [index, item] of items.entries()) {
      const { input, affinity } = item;
      decided.items.push({
        id: newRowId(),
        runId: candidate.runId,
        tenant: run.tenant,
        key: planned.key,
        kind: 'item',
        type: planned.type ?? null,
        status: 'ready',
        priority: rank,
        attempt: 1,
        maxAttempts: planned.retry.maxAttempts,
        timeoutMs: planned.timeoutMs,
        queueTimeoutMs: planned.queueTimeoutMs ?? null,
        retry: planned.retry,
        input,
        queue: this.queueFor(planned, affinity),
        depsTotal: 0,
        parentTaskId: candidate.id,
        itemIndex: index,
        dispatchBonusMs: bonus,
        ...concurrencyOf(planned, item, run.tenant),
        ...rate(item),
      });
    }
  }

  private queueFor(planned: PlannedTask, affinity: JsonValue | undefined): string {
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

interface Concurrency {
  concurrencyKey: string | null;
  concurrencyLimit: number | null;
}

/** A task's rendered concurrency key, tenant-qualified, and its limit; both null for a task without one. */
function concurrencyOf(planned: PlannedTask, rendered: RenderedInput, tenant: string): Concurrency {
  if (!planned.concurrency) return { concurrencyKey: null, concurrencyLimit: null };
  return {
    concurrencyKey: qualifiedConcurrencyKey(tenant, rendered.concurrencyKey ?? planned.concurrency.key),
    concurrencyLimit: planned.concurrency.limit,
  };
}

interface RateLimit {
  rateKey: string | null;
  rateLimit: number | null;
  ratePeriodMs: number | null;
}

/** A task's rate-limit bucket (its own over its type's default, ADR 0026); all null for a task without one. */
function rateOf(
  planned: PlannedTask,
  rendered: RenderedInput,
  tenant: string,
  workflow: string,
  typeDefaults: ReadonlyMap<string, RateLimitDefault>,
): RateLimit {
  const bucket = rateBucketOf({
    tenant,
    workflow,
    taskKey: planned.key,
    type: planned.type,
    own: planned.rateLimit,
    renderedKey: rendered.rateKey,
    typeDefault: planned.type === undefined ? undefined : typeDefaults.get(planned.type),
  });
  return bucket ?? { rateKey: null, rateLimit: null, ratePeriodMs: null };
}
