import { Injectable } from '@nestjs/common';
import type { JsonValue } from '@taskloom/engine';
import { RunRepository, SubRunQueueRepository, TransactionRunner, type SettledTask } from '@taskloom/persistence';
import { ActivationService } from './activation.service';
import { CascadeService } from './cascade.service';
import { PlanCache } from './plan-cache.service';
import { SubRunLauncher } from './sub-run.launcher';

/**
 * Creates the child runs that started sub-workflow tasks wait for, each
 * batch in a transaction of its own, after the transaction that started
 * the tasks has committed. Entries are claimed with SKIP LOCKED and
 * deleted in the same transaction as the runs they create, so several
 * routers may call this at once and a crash loses nothing.
 */
@Injectable()
export class SubRunLaunchService {
  constructor(
    private readonly transactions: TransactionRunner,
    private readonly queue: SubRunQueueRepository,
    private readonly runs: RunRepository,
    private readonly plans: PlanCache,
    private readonly launcher: SubRunLauncher,
    private readonly activation: ActivationService,
    private readonly cascade: CascadeService,
  ) {}

  /** Launches up to `limit` pending child runs; returns how many entries it took. */
  async launchPending(limit: number): Promise<number> {
    return this.transactions.run(async (db) => {
      const pending = await this.queue.claim(db, limit);
      if (pending.length === 0) return 0;
      const parents = await this.runs.contexts(db, [...new Set(pending.map((entry) => entry.runId))]);
      const settled: SettledTask[] = [];
      for (const entry of pending) {
        const parent = parents.get(entry.runId);
        if (!parent) continue;
        const planned = (await this.plans.get(parent.definitionId, db)).plan.byKey.get(entry.key);
        if (!planned) continue;
        settled.push(
          ...(await this.launcher.launch(
            db,
            { id: entry.taskId, runId: entry.runId, key: entry.key },
            planned,
            entry.input as JsonValue,
            parent,
            (roots) => this.activation.activate(db, roots),
          )),
        );
      }
      await this.cascade.propagate(db, settled);
      return pending.length;
    });
  }
}
