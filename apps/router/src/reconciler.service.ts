import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { TASKLOOM_CONFIG, type TaskloomConfig } from '@taskloom/config';
import { InterruptionService, RunControlService } from '@taskloom/orchestrator';
import { ReconciliationRepository } from '@taskloom/persistence';
import { QueueJobs } from '@taskloom/queue';
import { metrics } from '@taskloom/telemetry';
import { PeriodicRound } from './periodic-round';

const BATCH = 1_000;
/** Rounds further apart than this many intervals mean this reconciler could not see PostgreSQL meanwhile. */
const GAP_INTERVALS = 3;

/**
 * Redis is only the transport (DESIGN invariant 1), so whatever it lost is
 * found again from PostgreSQL:
 * - tasks 'queued' for longer than the grace period whose job no longer
 *   exists (Redis flushed or restarted, a router killed between commit and
 *   enqueue) are interrupted and come back as a new attempt: an executor may
 *   still be running the old one, whose late outcome the new attempt fences out;
 * - attempts 'running' on an executor that stopped heartbeating are
 *   interrupted and the task comes back as a new attempt;
 * - runs past their deadline (runTimeoutMs) fail.
 * Interruptions use the task's interruption budget, not its retries.
 * Several routers may reconcile at once: attempt fencing makes each
 * interruption happen once.
 *
 * An executor is declared lost only by a reconciler that has itself seen
 * PostgreSQL without a gap for EXECUTOR_LOST_AFTER_MS: after an outage (or
 * its own start) heartbeats missed meanwhile say nothing about executors.
 */
@Injectable()
export class ReconcilerService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(ReconcilerService.name);
  private readonly rounds = new PeriodicRound('reconciliation', () => this.reconcileOnce(), this.logger);
  /** When this reconciler's current unbroken view of PostgreSQL began. */
  private observingSince = 0;
  private lastRoundEnded = 0;

  constructor(
    @Inject(TASKLOOM_CONFIG) private readonly config: TaskloomConfig,
    private readonly reconciliation: ReconciliationRepository,
    private readonly jobs: QueueJobs,
    private readonly interruptions: InterruptionService,
    private readonly control: RunControlService,
  ) {}

  onApplicationBootstrap(): void {
    this.rounds.start(this.config.router.reconcileIntervalMs);
  }

  async reconcileOnce(): Promise<{ requeued: number; lost: number; timedOut: number }> {
    const began = Date.now();
    if (began - this.lastRoundEnded > GAP_INTERVALS * this.config.router.reconcileIntervalMs)
      this.observingSince = began;
    const requeued = await this.requeueOrphans();
    const lost =
      began - this.observingSince >= this.config.router.executorLostAfterMs ? await this.recoverLostAttempts() : 0;
    const timedOut = await this.endOverdueRuns();
    this.lastRoundEnded = Date.now();
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
    const orphans = await this.jobs.missing(queued);
    if (orphans.length === 0) return 0;
    const { again, exhausted } = await this.interruptions.requeue(
      orphans.map((task) => ({
        taskId: task.taskId,
        attempt: task.attempt,
        reason: 'job_lost' as const,
        error: {
          name: 'JobLost',
          message:
            'the queue job of this attempt was lost (Redis flushed or restarted, or a router stopped before enqueueing it)',
        },
        executorId: null,
        startedAt: null,
        durationMs: null,
      })),
    );
    this.logger.warn(
      `${again.length + exhausted.length} queued task(s) whose queue job was missing run again as a new attempt`,
    );
    return again.length + exhausted.length;
  }

  private async recoverLostAttempts(): Promise<number> {
    const running = await this.reconciliation.runningOnLostExecutors(this.config.router.executorLostAfterMs, BATCH);
    if (running.length === 0) return 0;
    const { again, exhausted } = await this.interruptions.requeue(
      running.map((attempt) => ({
        taskId: attempt.taskId,
        attempt: attempt.attempt,
        reason: 'executor_lost' as const,
        error: {
          name: 'ExecutorLost',
          message: `executor ${attempt.executorId} stopped heartbeating while running this attempt`,
        },
        executorId: attempt.executorId,
        startedAt: attempt.startedAt,
        durationMs: attempt.startedAt ? Date.now() - attempt.startedAt.getTime() : null,
      })),
    );
    this.logger.warn(`${running.length} attempt(s) lost with their executor; running them again`);
    return again.length + exhausted.length;
  }

  async onApplicationShutdown(): Promise<void> {
    await this.rounds.stop();
  }
}
