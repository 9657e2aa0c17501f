import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { TASKLOOM_CONFIG, type TaskloomConfig } from '@taskloom/config';
import { RetentionRepository } from '@taskloom/persistence';
import { metrics } from '@taskloom/telemetry';
import { PeriodicRound } from './periodic-round';

const DAY_MS = 86_400_000;

/**
 * Keeps PostgreSQL from growing without bound: every RETENTION_INTERVAL_MS
 * (and once at start) it deletes runs that ended more than RETENTION_DAYS
 * ago, with their tasks and attempts, RETENTION_BATCH_SIZE runs per
 * transaction until none are left; then executors gone that long.
 * RETENTION_DAYS=0 keeps everything. Routers that sweep at once skip each
 * other's rows, so no leader is needed.
 */
@Injectable()
export class RetentionService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(RetentionService.name);
  private readonly rounds = new PeriodicRound('retention sweep', () => this.sweep(), this.logger);
  private stopped = false;

  constructor(
    @Inject(TASKLOOM_CONFIG) private readonly config: TaskloomConfig,
    private readonly retention: RetentionRepository,
  ) {}

  onApplicationBootstrap(): void {
    if (this.config.retention.days === 0) return;
    this.rounds.start(this.config.retention.intervalMs, { now: true });
  }

  /** Deletes batch after batch until one comes back short; returns how many runs were deleted. */
  async sweep(now = new Date()): Promise<number> {
    const { days, batchSize } = this.config.retention;
    const cutoff = new Date(now.getTime() - days * DAY_MS);
    let deleted = 0;
    while (!this.stopped) {
      const batch = await this.retention.deleteFinishedRuns(cutoff, batchSize);
      deleted += batch;
      metrics.retentionDeletedRuns.inc(batch);
      if (batch < batchSize) break;
    }
    const executors = await this.retention.deleteGoneExecutors(cutoff);
    if (deleted > 0 || executors > 0) {
      this.logger.log(`retention: deleted ${deleted} run(s) and ${executors} executor(s) older than ${days} day(s)`);
    }
    return deleted;
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    await this.rounds.stop();
  }
}
