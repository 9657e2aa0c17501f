import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { TASKLOOM_CONFIG, type TaskloomConfig } from '@taskloom/config';
import type { RetryPolicy } from '@taskloom/engine';
import { AttemptService, RunControlService } from '@taskloom/orchestrator';
import { ReconciliationRepository } from '@taskloom/persistence';
import { jobIdFor, jobKey, QueueRegistry, REDIS_CONNECTION } from '@taskloom/queue';
import { metrics } from '@taskloom/telemetry';
import type { Redis } from 'ioredis';
import { PeriodicRound } from './periodic-round';
import { TaskEnqueuer } from './task-enqueuer';

const BATCH = 1_000;

/**
 * Redis is only the transport (DESIGN invariant 1), so whatever it lost is
 * found again from PostgreSQL:
 * - tasks 'queued' for longer than the grace period whose job no longer
 *   exists (Redis flushed or restarted, a router killed between commit and
 *   enqueue) are enqueued again under the same job id;
 * - attempts 'running' on an executor that stopped heartbeating end as
 *   'lost' and the task comes back as a new attempt;
 * - runs past their deadline (runTimeoutMs) fail.
 * Several routers may reconcile at once: job ids make re-enqueueing
 * idempotent and attempt fencing makes the lost-attempt write happen once.
 */
@Injectable()
export class ReconcilerService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(ReconcilerService.name);
  private readonly rounds = new PeriodicRound('reconciliation', () => this.reconcileOnce(), this.logger);

  constructor(
    @Inject(TASKLOOM_CONFIG) private readonly config: TaskloomConfig,
    @Inject(REDIS_CONNECTION) private readonly redis: Redis,
    private readonly reconciliation: ReconciliationRepository,
    private readonly queues: QueueRegistry,
    private readonly enqueuer: TaskEnqueuer,
    private readonly attempts: AttemptService,
    private readonly control: RunControlService,
  ) {}

  onApplicationBootstrap(): void {
    this.rounds.start(this.config.router.reconcileIntervalMs);
  }

  async reconcileOnce(): Promise<{ requeued: number; lost: number; timedOut: number }> {
    const requeued = await this.requeueOrphans();
    const lost = await this.recoverLostAttempts();
    const timedOut = await this.endOverdueRuns();
    metrics.routerReconciled.inc({ reason: 'requeued' }, requeued);
    metrics.routerReconciled.inc({ reason: 'lost' }, lost);
    metrics.routerReconciled.inc({ reason: 'timed_out' }, timedOut);
    return { requeued, lost, timedOut };
  }

  private async endOverdueRuns(): Promise<number> {
    let ended = 0;
    for (const runId of await this.reconciliation.overdueRuns(BATCH)) {
      if (await this.control.timeOut(runId)) ended += 1;
    }
    if (ended > 0) this.logger.warn(`${ended} run(s) passed their deadline and failed`);
    return ended;
  }

  private async requeueOrphans(): Promise<number> {
    const queued = await this.reconciliation.queuedLongerThan(this.config.router.queuedGraceMs, BATCH);
    if (queued.length === 0) return 0;
    const pipeline = this.redis.pipeline();
    for (const task of queued) pipeline.exists(jobKey(this.queues.prefix, task.queue, jobIdFor(task.id, task.attempt)));
    const answers = (await pipeline.exec()) ?? [];
    const orphans = queued.filter((_, index) => answers[index]?.[1] === 0);
    if (orphans.length === 0) return 0;
    await this.enqueuer.enqueue(orphans);
    this.logger.warn(`re-enqueued ${orphans.length} queued task(s) whose queue job was missing`);
    return orphans.length;
  }

  private async recoverLostAttempts(): Promise<number> {
    const running = await this.reconciliation.runningOnLostExecutors(this.config.router.executorLostAfterMs, BATCH);
    if (running.length === 0) return 0;
    await this.attempts.complete(
      running.map((attempt) => ({
        taskId: attempt.taskId,
        runId: attempt.runId,
        definitionId: attempt.definitionId,
        attempt: attempt.attempt,
        status: 'failed',
        error: {
          name: 'ExecutorLost',
          message: `executor ${attempt.executorId} stopped heartbeating while running this attempt`,
          kind: 'retryable',
          retryable: true,
          retryAfterMs: 0,
        },
        retry: attempt.retry as RetryPolicy | null,
        maxAttempts: attempt.maxAttempts,
        priority: attempt.priority,
        executorId: attempt.executorId,
        startedAt: attempt.startedAt,
        durationMs: attempt.startedAt ? Date.now() - attempt.startedAt.getTime() : null,
        lost: true,
      })),
    );
    this.logger.warn(`${running.length} attempt(s) lost with their executor; retrying them`);
    return running.length;
  }

  async onApplicationShutdown(): Promise<void> {
    await this.rounds.stop();
  }
}
