import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { TASKLOOM_CONFIG, type TaskloomConfig } from '@taskloom/config';
import { WaitWakeService } from '@taskloom/orchestrator';
import { CoalescedRounds } from './coalesced-rounds';

/** Waits ended per transaction. */
const WAKE_BATCH = 500;

/**
 * Ends due waits (WaitWakeService) every WAIT_POLL_MS, and again at once
 * while a batch comes back full: sleeps whose time came, signal waits past
 * their timeout, kept signals for tasks that wait now, tasks past their
 * queueTimeoutMs. The due times are in PostgreSQL (ADR 0021), so a router
 * that starts after any outage finds every wait it missed. Each router
 * runs one; they share the work through SKIP LOCKED.
 */
@Injectable()
export class WaitWakeLoop implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(WaitWakeLoop.name);
  private readonly rounds = new CoalescedRounds(
    'ending due waits',
    async () => {
      const round = await this.wakes.wakeDue(WAKE_BATCH);
      return Math.max(round.due, round.delivered, round.unstarted) >= WAKE_BATCH;
    },
    this.logger,
  );

  constructor(
    @Inject(TASKLOOM_CONFIG) private readonly config: TaskloomConfig,
    private readonly wakes: WaitWakeService,
  ) {}

  onApplicationBootstrap(): void {
    this.rounds.wake();
    this.rounds.poll(this.config.router.waitPollMs);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.rounds.stop();
  }
}
