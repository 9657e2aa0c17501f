import { Injectable, Logger } from '@nestjs/common';
import { describeFailure } from '@taskloom/sdk';
import { decideRunStatus, decideTrigger, type JsonValue, type TaskStatus, type TemplateScope } from '@taskloom/engine';
import {
  RunRepository,
  SubRunRepository,
  TaskControlRepository,
  TaskGroupRepository,
  TaskReadinessRepository,
  type Db,
  type RunOutcome,
  type SettledTask,
  type Settlement,
} from '@taskloom/persistence';
import { ActivationService, type ActivationCandidate } from './activation.service';
import { ExpressionEvaluator } from './expressions/expression-evaluator.service';
import { ExpressionPoolClosed } from './expressions/expression-pool';
import { PlanCache, type CompiledWorkflow } from './plan-cache.service';
import { assertStorable } from './stored-value';

/**
 * Carries the consequences of tasks reaching a terminal state through the
 * graph, inside the caller's transaction: items finish their forEach group,
 * tasks advance their dependents' trigger counters, and the last task of a
 * run finishes the run — which in turn finishes a parent's sub-workflow
 * task. It loops until nothing new settles.
 *
 * Every step reads the run's plan (children, trigger rules, output), found
 * by the definition the run is pinned to. Callers that know it (an attempt's
 * job carries it) pass it in `definitions`; the rest is read once per run.
 */
@Injectable()
export class CascadeService {
  private readonly logger = new Logger(CascadeService.name);

  constructor(
    private readonly plans: PlanCache,
    private readonly runs: RunRepository,
    private readonly groups: TaskGroupRepository,
    private readonly readiness: TaskReadinessRepository,
    private readonly taskControl: TaskControlRepository,
    private readonly activation: ActivationService,
    private readonly subRuns: SubRunRepository,
    private readonly expressions: ExpressionEvaluator,
  ) {}

  async propagate(
    db: Db,
    settled: readonly SettledTask[],
    definitions: ReadonlyMap<string, string> = new Map(),
  ): Promise<void> {
    const known = new Map(definitions);
    let events = settled;
    while (events.length > 0) {
      const items = events.filter((event) => event.kind === 'item');
      const topLevel = events.filter((event) => event.parentTaskId === null);
      const workflows = await this.workflowsOf(db, topLevel, known);
      events = [
        ...(await this.finishGroups(db, items)),
        ...(await this.advanceDependents(db, topLevel, workflows)),
        ...(await this.finishRuns(db, topLevel, workflows)),
      ];
    }
  }

  /** The compiled workflow of each event's run, reading the definitions not yet known in one query. */
  private async workflowsOf(
    db: Db,
    events: readonly SettledTask[],
    known: Map<string, string>,
  ): Promise<Map<string, CompiledWorkflow>> {
    const unknown = [...new Set(events.map((event) => event.runId).filter((runId) => !known.has(runId)))];
    for (const [runId, definitionId] of await this.runs.definitionsOf(db, unknown)) known.set(runId, definitionId);
    const workflows = new Map<string, CompiledWorkflow>();
    for (const runId of new Set(events.map((event) => event.runId))) {
      const definitionId = known.get(runId);
      if (definitionId) workflows.set(runId, await this.plans.get(definitionId, db));
    }
    return workflows;
  }

  private async finishGroups(db: Db, items: readonly SettledTask[]): Promise<SettledTask[]> {
    const counters = await this.groups.countFinishedItems(
      db,
      items.map((item) => ({ groupId: item.parentTaskId!, failed: item.status !== 'succeeded' })),
    );
    const done = [];
    for (const group of counters.filter((counter) => counter.remaining <= 0)) {
      const output = await this.groups.itemOutputs(db, group);
      done.push(
        group.failed > 0
          ? {
              id: group.id,
              status: 'failed' as const,
              output,
              error: { name: 'ItemsFailed', message: `${group.failed} of ${output.length} items failed` },
            }
          : { id: group.id, status: 'succeeded' as const, output },
      );
    }
    return this.groups.settleGroups(db, done);
  }

  private async advanceDependents(
    db: Db,
    settled: readonly SettledTask[],
    workflows: ReadonlyMap<string, CompiledWorkflow>,
  ): Promise<SettledTask[]> {
    const increments = [];
    for (const task of settled) {
      for (const child of workflows.get(task.runId)?.plan.byKey.get(task.key)?.children ?? []) {
        increments.push({
          runId: task.runId,
          key: child,
          succeeded: task.status === 'succeeded' ? 1 : 0,
          failed: task.status === 'failed' || task.status === 'cancelled' ? 1 : 0,
          skipped: task.status === 'skipped' ? 1 : 0,
        });
      }
    }
    const counters = await this.readiness.applyUpstreamOutcomes(db, increments);
    const runnable: ActivationCandidate[] = [];
    const skipped: Settlement[] = [];
    for (const counter of counters) {
      const rule = workflows.get(counter.runId)!.plan.byKey.get(counter.key)!.trigger;
      const decision = decideTrigger(rule, {
        total: counter.depsTotal,
        succeeded: counter.depsSucceeded,
        failed: counter.depsFailed,
        skipped: counter.depsSkipped,
      });
      if (decision === 'run') runnable.push(counter);
      if (decision === 'skip') {
        skipped.push({
          id: counter.id,
          status: 'skipped',
          error: {
            reason: 'trigger',
            message: `trigger rule ${rule} cannot hold: upstream ${counter.depsSucceeded} succeeded, ${counter.depsFailed} failed, ${counter.depsSkipped} skipped of ${counter.depsTotal}`,
          },
        });
      }
    }
    return [...(await this.readiness.settleBlocked(db, skipped)), ...(await this.activation.activate(db, runnable))];
  }

  /**
   * Counts the runs' finished tasks down. A run whose last task ended with
   * nothing failed and no output to render ends in that same statement; the
   * other runs at zero get their outcome here, from their tasks.
   */
  private async finishRuns(
    db: Db,
    settled: readonly SettledTask[],
    workflows: ReadonlyMap<string, CompiledWorkflow>,
  ): Promise<SettledTask[]> {
    const perRun = new Map<
      string,
      { runId: string; finished: number; failed: number; startedAt: Date | null; rendersOutput: boolean }
    >();
    for (const task of settled) {
      const entry = perRun.get(task.runId) ?? {
        runId: task.runId,
        finished: 0,
        failed: 0,
        startedAt: null,
        rendersOutput: workflows.get(task.runId)?.plan.output !== undefined,
      };
      entry.finished += 1;
      if (task.status === 'failed' || task.status === 'cancelled') entry.failed += 1;
      if (task.startedAt && (!entry.startedAt || task.startedAt < entry.startedAt)) entry.startedAt = task.startedAt;
      perRun.set(task.runId, entry);
    }
    const counted = await this.runs.countFinished(db, [...perRun.values()]);
    const parents: (Settlement & { child: string })[] = [];
    for (const run of counted.filter((counted) => counted.ended)) {
      this.logger.debug({ msg: 'run succeeded', runId: run.id, status: 'succeeded' });
      if (run.parentTaskId)
        parents.push({ id: run.parentTaskId, child: run.id, status: 'succeeded', output: null, error: null });
    }
    const outcomes = await this.runOutcomes(
      db,
      counted.filter((run) => !run.ended && run.remaining <= 0).map((run) => run.id),
    );
    const ended = await this.runs.finishMany(db, outcomes);
    const byId = new Map(outcomes.map((outcome) => [outcome.id, outcome]));
    for (const run of ended) {
      const { id: _, ...outcome } = byId.get(run.id)!;
      // Inside the transaction: a retried transaction (deadlock) may log the same run twice.
      this.logger.debug({ msg: `run ${outcome.status}`, runId: run.id, status: outcome.status, error: outcome.error });
      if (run.parentTaskId) parents.push({ id: run.parentTaskId, child: run.id, ...outcome });
    }
    if (parents.length === 0) return [];
    // A child launched by an earlier attempt of its parent task (retried since) no longer speaks for it.
    const current = await this.subRuns.currentChildren(
      db,
      parents.map((parent) => parent.child),
    );
    return this.groups.settleGroups(
      db,
      parents.filter((parent) => current.has(parent.child)).map(({ child: _, ...parent }) => parent),
    );
  }

  /** The outcome of each finished run, reading every run's tasks and output references in one query each. */
  private async runOutcomes(db: Db, runIds: readonly string[]): Promise<RunOutcome[]> {
    if (runIds.length === 0) return [];
    const tasksByRun = await this.taskControl.topLevelOf(db, runIds);
    const runs = await this.runs.contexts(db, runIds);
    const outcomes: RunOutcome[] = [];
    const scopes = new Map<string, { scope: TemplateScope; output: JsonValue }>();
    const references: { runId: string; key: string }[] = [];
    for (const runId of runIds) {
      const tasks = tasksByRun.get(runId) ?? [];
      if (decideRunStatus(tasks.map((task) => task.status as TaskStatus)) === 'failed') {
        const failed = tasks
          .filter((task) => task.status === 'failed' || task.status === 'cancelled')
          .map((task) => task.key);
        outcomes.push({
          id: runId,
          status: 'failed',
          output: null,
          error: { name: 'TasksFailed', message: `task(s) failed: ${failed.join(', ')}`, tasks: failed },
        });
        continue;
      }
      const run = runs.get(runId)!;
      const { plan } = await this.plans.get(run.definitionId, db);
      if (plan.output === undefined) {
        outcomes.push({ id: runId, status: 'succeeded', output: null, error: null });
        continue;
      }
      scopes.set(runId, {
        scope: { run: { id: run.id, input: run.input as JsonValue, tenant: run.tenant }, tasks: {} },
        output: plan.output,
      });
      for (const key of plan.outputReferences) references.push({ runId, key });
    }
    for (const row of await this.readiness.outputsOf(db, references)) {
      scopes.get(row.runId)!.scope.tasks[row.key] = {
        output: row.output as JsonValue,
        status: row.status,
        error: row.error as JsonValue,
      };
    }
    for (const [runId, { scope, output }] of scopes) {
      try {
        const rendered = await this.expressions.renderTemplate(output, scope);
        // A run output that cannot be stored fails the run rather than the transaction finishing it.
        assertStorable(rendered, 'output', Number.POSITIVE_INFINITY, '');
        outcomes.push({ id: runId, status: 'succeeded', output: rendered, error: null });
      } catch (error) {
        if (error instanceof ExpressionPoolClosed) throw error;
        outcomes.push({ id: runId, status: 'failed', output: null, error: describeFailure(error) });
      }
    }
    return outcomes;
  }
}
