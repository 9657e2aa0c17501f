import { Injectable } from '@nestjs/common';
import { decideTrigger, isTerminalRunStatus } from '@taskloom/engine';
import {
  notifyReady,
  RunAdmissionRepository,
  RunRepository,
  SubRunRepository,
  TaskControlRepository,
  TaskGroupRepository,
  TransactionRunner,
  type Db,
} from '@taskloom/persistence';
import { ActivationService } from './activation.service';
import { CascadeService } from './cascade.service';
import { ConflictError, NotFoundError } from './errors';
import { PlanCache } from './plan-cache.service';

export interface RunControlResult {
  id: string;
  status: string;
}

/**
 * cancel, pause, resume and retry of a run, and ending a run that passed its
 * deadline. Each takes the run's row lock first, so control actions and the
 * run's own progress never interleave on one run.
 */
@Injectable()
export class RunControlService {
  constructor(
    private readonly transactions: TransactionRunner,
    private readonly runs: RunRepository,
    private readonly groups: TaskGroupRepository,
    private readonly taskControl: TaskControlRepository,
    private readonly plans: PlanCache,
    private readonly activation: ActivationService,
    private readonly cascade: CascadeService,
    private readonly subRuns: SubRunRepository,
    private readonly runKeys: RunAdmissionRepository,
  ) {}

  /** `cancelledRuns` lists the run and its sub-workflow runs, for CancelledRuns.announce. */
  cancel(id: string): Promise<RunControlResult & { cancelledRuns: string[] }> {
    return this.transactions.run(async (db) => {
      await this.lockActive(db, id, 'cancel');
      const cancelledRuns = await this.terminate(db, id, 'cancelled', {
        name: 'Cancelled',
        message: 'the run was cancelled',
      });
      return { id, status: 'cancelled', cancelledRuns };
    });
  }

  /**
   * Cancels an active run inside the caller's transaction, with the caller's
   * reason (a workflow concurrency key's onLimit, ADR 0027), through the same
   * path as a cancel. Returns the runs it ended, for CancelledRuns.announce.
   */
  async cancelWithin(db: Db, id: string, error: { name: string; message: string }): Promise<string[]> {
    const run = await this.runs.lockRun(db, id);
    if (!run || isTerminalRunStatus(run.status as never)) return [];
    return this.terminate(db, id, 'cancelled', error);
  }

  /** Ends an active run that outlived its deadline as failed; returns false if it had already ended. */
  timeOut(id: string): Promise<boolean> {
    return this.transactions.run(async (db) => {
      const run = await this.runs.lockRun(db, id);
      if (!run || isTerminalRunStatus(run.status as never)) return false;
      await this.terminate(db, id, 'failed', {
        name: 'RunTimeout',
        message: 'the run did not finish before its deadline (runTimeoutMs)',
      });
      return true;
    });
  }

  pause(id: string): Promise<RunControlResult> {
    return this.transactions.run(async (db) => {
      const run = await this.lockActive(db, id, 'pause');
      // Resuming would start it before its time, or take a concurrency slot it was not given: cancelled, not paused.
      if (run.status === 'scheduled' || run.status === 'queued')
        throw new ConflictError(`run ${id} is ${run.status}; cancel it instead of pausing it`);
      if (run.status !== 'paused') await this.runs.setStatus(db, id, 'paused');
      return { id, status: 'paused' };
    });
  }

  resume(id: string): Promise<RunControlResult> {
    return this.transactions.run(async (db) => {
      const run = await this.lockActive(db, id, 'resume');
      if (run.status === 'paused') await this.runs.setStatus(db, id, 'active');
      await notifyReady(db);
      return { id, status: (await this.runs.lockRun(db, id))!.status };
    });
  }

  /**
   * Runs the failed, skipped and cancelled part of a failed run again, with
   * a fresh attempt budget; succeeded tasks keep their outputs.
   */
  retry(id: string): Promise<RunControlResult> {
    return this.transactions.run(async (db) => {
      const run = await this.runs.lockRun(db, id);
      if (!run) throw new NotFoundError(`run ${id} not found`);
      if (run.status !== 'failed')
        throw new ConflictError(`run ${id} is ${run.status}; only a failed run can be retried`);
      // Running again takes a slot of its workflow concurrency key: only a free one, under the key's lock (ADR 0027).
      const slot = await this.runKeys.lockRunKey(db, id);
      if (slot && slot.held >= slot.limit)
        throw new ConflictError(
          `run ${id}'s workflow concurrency key is at its limit of ${slot.limit} active runs; retry it when one ends`,
        );
      const { plan } = await this.plans.get(run.definitionId, db);
      const tasks = await this.taskControl.topLevel(db, id);
      const statusOf = new Map(tasks.map((task) => [task.key, task.status]));
      const reset = tasks
        .filter((task) => task.status !== 'succeeded')
        .map((task) => {
          const planned = plan.byKey.get(task.key)!;
          return {
            ...task,
            depsSucceeded: planned.dependsOn.filter((parent) => statusOf.get(parent) === 'succeeded').length,
            attemptBudget: planned.retry.maxAttempts,
            rule: planned.trigger,
            depsTotal: planned.dependsOn.length,
          };
        });
      await this.taskControl.resetForRetry(db, reset);
      await this.runs.reopen(db, id, reset.length);
      const runnable = reset.filter(
        (task) =>
          decideTrigger(task.rule, { total: task.depsTotal, succeeded: task.depsSucceeded, failed: 0, skipped: 0 }) ===
          'run',
      );
      await this.cascade.propagate(
        db,
        await this.activation.activate(
          db,
          runnable.map((task) => ({ id: task.id, runId: id, key: task.key })),
        ),
      );
      return { id, status: 'running' };
    });
  }

  private async lockActive(db: Db, id: string, action: string) {
    const run = await this.runs.lockRun(db, id);
    if (!run) throw new NotFoundError(`run ${id} not found`);
    if (isTerminalRunStatus(run.status as never))
      throw new ConflictError(`run ${id} is ${run.status}; cannot ${action} it`);
    return run;
  }

  /**
   * Ends a run and its sub-workflow runs; a sub-run's parent task fails, and
   * the parent run moves on. Returns the ids of the runs it ended.
   */
  private async terminate(
    db: Db,
    id: string,
    status: 'cancelled' | 'failed',
    error: { name: string; message: string },
  ): Promise<string[]> {
    const ended = [id];
    const cancelled = await this.taskControl.cancelActive(db, [id]);
    for (const child of await this.runs.childRuns(
      db,
      cancelled.filter((task) => task.kind === 'workflow').map((task) => task.id),
    )) {
      ended.push(...(await this.terminate(db, child, status, error)));
    }
    const finished = await this.runs.finish(db, id, status, null, error);
    // A child of an earlier attempt of its parent task ends alone: the parent's current attempt goes on.
    if (finished?.parentTaskId && (await this.subRuns.currentChildren(db, [id])).has(id)) {
      await this.cascade.propagate(
        db,
        await this.groups.settleGroups(db, [{ id: finished.parentTaskId, status: 'failed', error }]),
      );
    }
    return ended;
  }
}
