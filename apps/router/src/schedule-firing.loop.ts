import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { TASKLOOM_CONFIG, type TaskloomConfig } from '@taskloom/config';
import { ScheduleFiringService } from '@taskloom/orchestrator';
import { CoalescedRounds } from './coalesced-rounds';

/**
 * Fires due schedules every SCHEDULE_POLL_MS, round after round while
 * rounds come back full. Every router runs one; the rows they claim are
 * locked with SKIP LOCKED, so they share the schedules without a leader.
 */
@Injectable()
export class ScheduleFiringLoop implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(ScheduleFiringLoop.name);
  private readonly rounds = new CoalescedRounds(
    'firing schedules',
    async () => (await this.firing.fireDue()) >= this.config.schedules.batch,
    this.logger,
  );

  constructor(
    @Inject(TASKLOOM_CONFIG) private readonly config: TaskloomConfig,
    private readonly firing: ScheduleFiringService,
  ) {}

  onApplicationBootstrap(): void {
    this.rounds.wake();
    this.rounds.poll(this.config.schedules.pollMs);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.rounds.stop();
  }
}
