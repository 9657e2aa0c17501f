import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { TASKLOOM_CONFIG, type TaskloomConfig } from '@taskloom/config';
import { RunAdmissionService } from '@taskloom/orchestrator';
import { metrics } from '@taskloom/telemetry';
import { CoalescedRounds } from './coalesced-rounds';

/**
 * Starts delayed runs (startAt, delayMs) when their time comes: every
 * SCHEDULE_POLL_MS each router promotes due 'scheduled' runs, SCHEDULE_BATCH
 * at a time while batches come back full — to 'pending' with their roots
 * activated, or to 'queued' for a workflow concurrency key (ADR 0027).
 * Routers skip each other's rows; promoting is one transaction, so a killed
 * router loses nothing.
 */
@Injectable()
export class DelayedRunPromoter implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(DelayedRunPromoter.name);
  private readonly rounds = new CoalescedRounds('promoting delayed runs', () => this.promote(), this.logger);

  constructor(
    @Inject(TASKLOOM_CONFIG) private readonly config: TaskloomConfig,
    private readonly admission: RunAdmissionService,
  ) {}

  onApplicationBootstrap(): void {
    this.rounds.wake();
    this.rounds.poll(this.config.schedules.pollMs);
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
