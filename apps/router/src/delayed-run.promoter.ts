import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { TASKLOOM_CONFIG, type TaskloomConfig } from '@taskloom/config';
import { RunRepository } from '@taskloom/persistence';
import { metrics } from '@taskloom/telemetry';
import { PeriodicRound } from './periodic-round';

/**
 * Starts delayed runs (startAt, delayMs) when their time comes: every
 * SCHEDULE_POLL_MS each router promotes due 'scheduled' runs to 'pending',
 * SCHEDULE_BATCH at a time while batches come back full. Routers skip each
 * other's rows; promoting is one UPDATE, so a killed router loses nothing.
 */
@Injectable()
export class DelayedRunPromoter implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(DelayedRunPromoter.name);
  private readonly rounds = new PeriodicRound('promoting delayed runs', () => this.promote(), this.logger);
  private stopped = false;

  constructor(
    @Inject(TASKLOOM_CONFIG) private readonly config: TaskloomConfig,
    private readonly runs: RunRepository,
  ) {}

  onApplicationBootstrap(): void {
    this.rounds.start(this.config.schedules.pollMs, { now: true });
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    await this.rounds.stop();
  }

  /** Promotes batch after batch until one comes back short; returns how many runs started. */
  async promote(): Promise<number> {
    const { batch } = this.config.schedules;
    let promoted = 0;
    while (!this.stopped) {
      const runs = await this.runs.promoteDue(batch);
      const now = Date.now();
      for (const run of runs) metrics.scheduleLag.observe({ source: 'delayed' }, (now - run.startAt.getTime()) / 1000);
      metrics.runsStartedBy.inc({ source: 'delayed' }, runs.length);
      promoted += runs.length;
      if (runs.length < batch) break;
    }
    return promoted;
  }
}
