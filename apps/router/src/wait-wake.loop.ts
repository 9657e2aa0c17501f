import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { TASKLOOM_CONFIG, type TaskloomConfig } from '@taskloom/config';
import { WaitWakeService } from '@taskloom/orchestrator';
import { TaskWaitRepository, WAIT_CHANNEL } from '@taskloom/persistence';
import { DueRounds } from './due-rounds';
import { RouterNotifications } from './router-notifications';

/** Waits ended per transaction. */
const WAKE_BATCH = 500;

/**
 * Ends due waits (WaitWakeService) when the earliest comes due, or when a
 * notification says one may be due sooner (ADR 0028), and again at once
 * while a batch comes back full: sleeps whose time came, signal waits past
 * their timeout, kept signals for tasks that wait now, tasks past their
 * queueTimeoutMs. The due times are in PostgreSQL (ADR 0021), so a router
 * that starts after any outage finds every wait it missed. Each router
 * runs one; they share the work through SKIP LOCKED.
 */
@Injectable()
export class WaitWakeLoop implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(WaitWakeLoop.name);
  private readonly rounds: DueRounds;

  constructor(
    @Inject(TASKLOOM_CONFIG) private readonly config: TaskloomConfig,
    private readonly wakes: WaitWakeService,
    private readonly waits: TaskWaitRepository,
    private readonly notifications: RouterNotifications,
  ) {
    this.rounds = new DueRounds({
      what: 'ending due waits',
      round: async () => {
        const round = await this.wakes.wakeDue(WAKE_BATCH);
        return Math.max(round.due, round.delivered, round.unstarted) >= WAKE_BATCH;
      },
      nextDueInMs: () => this.waits.nextDueInMs(),
      minGapMs: this.config.router.waitPollMs,
      safetyPollMs: this.config.router.safetyPollMs,
      logger: this.logger,
    });
  }

  async onApplicationBootstrap(): Promise<void> {
    this.rounds.start();
    await this.notifications.listen(WAIT_CHANNEL, () => this.rounds.notice());
  }

  async onApplicationShutdown(): Promise<void> {
    await this.rounds.stop();
  }
}
