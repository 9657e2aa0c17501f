import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { TableStatisticsRepository } from '@taskloom/persistence';
import { PeriodicRound } from './periodic-round';

const CHECK_EVERY_MS = 2_000;

/**
 * Keeps the planner's picture of the queue tables current between
 * autovacuum's visits: every few seconds it analyzes those whose size has
 * doubled or halved since they were last analyzed. Without it, a fresh
 * install under load runs for up to a minute on plans made for empty tables.
 */
@Injectable()
export class PlannerStatisticsService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(PlannerStatisticsService.name);
  private readonly rounds = new PeriodicRound('analyzing queue tables', () => this.refresh(), this.logger);

  constructor(private readonly statistics: TableStatisticsRepository) {}

  onApplicationBootstrap(): void {
    this.rounds.start(CHECK_EVERY_MS);
  }

  /** Returns the tables it analyzed. */
  async refresh(): Promise<string[]> {
    const stale = await this.statistics.stale();
    for (const table of stale) await this.statistics.analyze(table);
    return stale;
  }

  async onApplicationShutdown(): Promise<void> {
    await this.rounds.stop();
  }
}
