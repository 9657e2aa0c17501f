import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { TASKLOOM_CONFIG, type TaskloomConfig } from '@taskloom/config';
import { TableStatisticsRepository, type QueueTable } from '@taskloom/persistence';
import { PeriodicRound } from './periodic-round';

const CHECK_EVERY_MS = 2_000;

/**
 * Keeps the queue tables (runs, tasks, task_attempts) fit between
 * autovacuum's visits, from one read of their statistics every few seconds:
 *
 * - it analyzes a table whose size has doubled or halved since the planner
 *   last saw it — without that, a fresh install under load runs for up to a
 *   minute on plans made for empty tables;
 * - it VACUUMs a table holding more than ROUTER_VACUUM_DEAD_TUPLES dead
 *   tuples (plus a small share of its rows). Autovacuum visits a database
 *   once per autovacuum_naptime, a server-wide setting (a minute by default)
 *   that no per-table option shortens, and may be off altogether; at a few
 *   thousand rewrites a second that is hundreds of thousands of dead tuples
 *   in front of every scan between its visits. ROUTER_VACUUM_DEAD_TUPLES=0
 *   leaves it to autovacuum (ADR 0029); ROUTER_VACUUM_COST_DELAY_MS paces
 *   it as autovacuum's cost delay does (ADR 0031).
 *
 * One statement a round, because an idle router runs it too (ADR 0028).
 */
@Injectable()
export class QueueTableUpkeepService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(QueueTableUpkeepService.name);
  private readonly rounds = new PeriodicRound('upkeep of queue tables', () => this.upkeep(), this.logger);
  /** Aborted at shutdown: a VACUUM in progress is cancelled rather than waited for. */
  private readonly stopping = new AbortController();

  constructor(
    @Inject(TASKLOOM_CONFIG) private readonly config: TaskloomConfig,
    private readonly statistics: TableStatisticsRepository,
  ) {}

  onApplicationBootstrap(): void {
    this.rounds.start(CHECK_EVERY_MS);
  }

  /** Returns the tables it analyzed and those it vacuumed. */
  async upkeep(): Promise<{ analyzed: QueueTable[]; vacuumed: QueueTable[] }> {
    const minDead = this.config.router.vacuumDeadTuples;
    const due = await this.statistics.upkeepDue(minDead === 0 ? null : minDead);
    for (const table of due.stale) await this.statistics.analyze(table);
    const vacuumed: QueueTable[] = [];
    for (const table of due.deadHeavy) {
      if (this.stopping.signal.aborted) break;
      await this.statistics.vacuum(table, this.config.router.vacuumCostDelayMs, this.stopping.signal);
      vacuumed.push(table);
    }
    return { analyzed: due.stale, vacuumed };
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopping.abort();
    await this.rounds.stop();
  }
}
