import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { TASKLOOM_CONFIG, type TaskloomConfig } from '@taskloom/config';
import { RunAdmissionService } from '@taskloom/orchestrator';
import { DELAYED_RUN_CHANNEL, RunRepository } from '@taskloom/persistence';
import { metrics } from '@taskloom/telemetry';
import { DueRounds } from './due-rounds';
import { RouterNotifications } from './router-notifications';

/**
 * Starts delayed runs (startAt, delayMs) when their time comes: each router
 * promotes due 'scheduled' runs when the earliest start time comes, or when
 * a notification says a run was started for later (ADR 0028), SCHEDULE_BATCH
 * at a time while batches come back full — to 'pending' with their roots
 * activated, or to 'queued' for a workflow concurrency key (ADR 0027).
 * Routers skip each other's rows; promoting is one transaction, so a killed
 * router loses nothing.
 */
@Injectable()
export class DelayedRunPromoter implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(DelayedRunPromoter.name);
  private readonly rounds: DueRounds;

  constructor(
    @Inject(TASKLOOM_CONFIG) private readonly config: TaskloomConfig,
    private readonly admission: RunAdmissionService,
    private readonly runs: RunRepository,
    private readonly notifications: RouterNotifications,
  ) {
    this.rounds = new DueRounds({
      what: 'promoting delayed runs',
      round: () => this.promote(),
      nextDueInMs: () => this.runs.nextStartInMs(),
      minGapMs: this.config.schedules.pollMs,
      safetyPollMs: this.config.router.safetyPollMs,
      logger: this.logger,
    });
  }

  async onApplicationBootstrap(): Promise<void> {
    this.rounds.start();
    await this.notifications.listen(DELAYED_RUN_CHANNEL, () => this.rounds.notice());
  }

  async onApplicationShutdown(): Promise<void> {
    await this.rounds.stop();
  }

  /** Promotes one batch; true when it came back full, so another round follows at once. */
  private async promote(): Promise<boolean> {
    const { batch } = this.config.schedules;
    const { promoted: runs } = await this.admission.promoteDue(batch);
    const now = Date.now();
    for (const run of runs) metrics.scheduleLag.observe({ source: 'delayed' }, (now - run.startAt.getTime()) / 1000);
    metrics.runsStartedBy.inc({ source: 'delayed' }, runs.length);
    return runs.length >= batch;
  }
}
