import { Inject, Injectable } from '@nestjs/common';
import { TASKLOOM_CONFIG, type TaskloomConfig } from '@taskloom/config';
import { NotFoundError } from '@taskloom/orchestrator';
import {
  notifyReady,
  ReconciliationRepository,
  TaskDispatchRepository,
  TaskTypeRepository,
  TransactionRunner,
} from '@taskloom/persistence';
import { parsePoolQueueName, QueueJobs, QueueRegistry, TaskRouting } from '@taskloom/queue';
import type { QueueCounts, QueueView } from './admin.schemas';

/**
 * The BullMQ side of the admin API. Queues are not discovered by scanning
 * Redis: they are one per (partition, pool of a published task type), which
 * is exactly the set executors poll.
 */
@Injectable()
export class QueueAdminService {
  constructor(
    private readonly taskTypes: TaskTypeRepository,
    private readonly routing: TaskRouting,
    private readonly queues: QueueRegistry,
    private readonly jobs: QueueJobs,
    private readonly reconciliation: ReconciliationRepository,
    private readonly dispatch: TaskDispatchRepository,
    private readonly transactions: TransactionRunner,
    @Inject(TASKLOOM_CONFIG) private readonly config: TaskloomConfig,
  ) {}

  async names(): Promise<string[]> {
    const types = await this.taskTypes.list();
    return this.routing.queuesOfTypes(types.map((type) => type.type));
  }

  async list(): Promise<QueueView[]> {
    return Promise.all((await this.names()).map((name) => this.describe(name)));
  }

  private async describe(name: string): Promise<QueueView> {
    const parsed = parsePoolQueueName(name)!;
    const queue = this.queues.get(name);
    const [counts, paused] = await Promise.all([
      queue.getJobCounts('wait', 'prioritized', 'active', 'delayed', 'failed'),
      queue.isPaused(),
    ]);
    // BullMQ 6 keeps a paused queue's jobs where they were; they are reported as paused, not waiting.
    const waiting = (counts.wait ?? 0) + (counts.prioritized ?? 0);
    const view: QueueCounts = {
      waiting: paused ? 0 : waiting,
      active: counts.active ?? 0,
      delayed: counts.delayed ?? 0,
      failed: counts.failed ?? 0,
      paused: paused ? waiting : 0,
    };
    return { name, partition: parsed.partition, pool: parsed.pool, paused, counts: view };
  }

  /** Executors stop taking its jobs; routers stop feeding it at their next sample, so its tasks wait as 'ready' in PostgreSQL. */
  async pause(name: string): Promise<QueueView> {
    await (await this.known(name)).pause();
    return this.describe(name);
  }

  async resume(name: string): Promise<QueueView> {
    await (await this.known(name)).resume();
    return this.describe(name);
  }

  /**
   * Removes the queue's waiting and delayed jobs, then hands their tasks
   * back to PostgreSQL as 'ready' at the same attempt (fenced: only tasks
   * still 'queued' at that attempt whose job is gone), so nothing is lost
   * and nothing waits for the reconciler. Running jobs are left alone. On a
   * paused queue the tasks stay in PostgreSQL until resume; otherwise the
   * router dispatches them again in the current priority order. Tasks
   * queued within RECONCILE_QUEUED_GRACE_MS are left alone: a router may
   * not have enqueued them yet (the reconciler finds them if it never does).
   */
  async drain(name: string): Promise<{ view: QueueView; returnedToReady: number }> {
    const queue = await this.known(name);
    await queue.drain(true);
    const queued = await this.reconciliation.queuedIn(name, this.config.router.queuedGraceMs);
    const orphans = await this.jobs.missing(
      queued.map((task) => ({ taskId: task.id, attempt: task.attempt, queue: name })),
    );
    const returned =
      orphans.length === 0
        ? 0
        : await this.transactions.run(async (db) => {
            const ids = await this.dispatch.returnToReady(
              db,
              orphans.map(({ taskId, attempt }) => ({ taskId, attempt })),
            );
            if (ids.length > 0) await notifyReady(db);
            return ids.length;
          });
    return { view: await this.describe(name), returnedToReady: returned };
  }

  private async known(name: string) {
    if (!parsePoolQueueName(name) || !(await this.names()).includes(name)) {
      throw new NotFoundError(`queue ${name} not found; GET /api/v1/admin/queues lists them`);
    }
    return this.queues.get(name);
  }
}
