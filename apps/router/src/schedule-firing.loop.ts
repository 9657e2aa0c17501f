import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { TASKLOOM_CONFIG, type TaskloomConfig } from '@taskloom/config';
import { ScheduleFiringService } from '@taskloom/orchestrator';
import { SCHEDULE_CHANNEL, ScheduleRepository } from '@taskloom/persistence';
import { DueRounds } from './due-rounds';
import { RouterNotifications } from './router-notifications';

/**
 * Fires due schedules when the earliest fire time comes, or when a
 * notification says one may have come sooner (ADR 0028), round after round
 * while rounds come back full. Every router runs one; the rows they claim
 * are locked with SKIP LOCKED, so they share the schedules without a leader.
 */
@Injectable()
export class ScheduleFiringLoop implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(ScheduleFiringLoop.name);
  private readonly rounds: DueRounds;

  constructor(
    @Inject(TASKLOOM_CONFIG) private readonly config: TaskloomConfig,
    private readonly firing: ScheduleFiringService,
    private readonly schedules: ScheduleRepository,
    private readonly notifications: RouterNotifications,
  ) {
    this.rounds = new DueRounds({
      what: 'firing schedules',
      round: async () => (await this.firing.fireDue()) >= this.config.schedules.batch,
      nextDueInMs: () => this.schedules.nextDueInMs(),
      minGapMs: this.config.schedules.pollMs,
      safetyPollMs: this.config.router.safetyPollMs,
      logger: this.logger,
    });
  }

  async onApplicationBootstrap(): Promise<void> {
    this.rounds.start();
    await this.notifications.listen(SCHEDULE_CHANNEL, () => this.rounds.notice());
  }

  async onApplicationShutdown(): Promise<void> {
    await this.rounds.stop();
  }
}
