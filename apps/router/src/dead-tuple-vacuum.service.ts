import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { TASKLOOM_CONFIG, type TaskloomConfig } from '@taskloom/config';
import { TableStatisticsRepository, type QueueTable } from '@taskloom/persistence';
import { PeriodicRound } from './periodic-round';

const CHECK_EVERY_MS = 2_000;

/**
 * Keeps the dead tuples of the queue tables bounded under a sustained load:
 * every few seconds it VACUUMs those holding more than
 * ROUTER_VACUUM_DEAD_TUPLES dead tuples (plus a small share of their rows).
 * Autovacuum visits a database once per autovacuum_naptime, a server-wide
 * setting (a minute by default) that no per-table option shortens, and may be
 * off altogether; at a few thousand rewrites a second that is hundreds of
 * thousands of dead tuples in front of every scan between its visits.
 * ROUTER_VACUUM_DEAD_TUPLES=0 leaves it all to autovacuum (ADR 0029).
 */
@Injectable()
export class DeadTupleVacuumService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(DeadTupleVacuumService.name);
  private readonly rounds = new PeriodicRound('vacuuming queue tables', () => this.vacuum(), this.logger);

  constructor(
    @Inject(TASKLOOM_CONFIG) private readonly config: TaskloomConfig,
    private readonly statistics: TableStatisticsRepository,
  ) {}

  onApplicationBootstrap(): void {
    if (this.config.router.vacuumDeadTuples === 0) return;
    this.rounds.start(CHECK_EVERY_MS);
  }

  /** Returns the tables it vacuumed. */
  async vacuum(): Promise<QueueTable[]> {
    const heavy = await this.statistics.deadHeavy(this.config.router.vacuumDeadTuples);
    for (const table of heavy) await this.statistics.vacuum(table);
    return heavy;
  }

  async onApplicationShutdown(): Promise<void> {
    await this.rounds.stop();
  }
}
