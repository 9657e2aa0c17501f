import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { TASKLOOM_CONFIG, type TaskloomConfig } from '@taskloom/config';
import { SubRunLaunchService } from '@taskloom/orchestrator';
import { SUB_RUN_CHANNEL } from '@taskloom/persistence';
import { CoalescedRounds } from './coalesced-rounds';
import { RouterNotifications } from './router-notifications';

/** Child runs created per transaction: each may carry a whole definition's tasks. */
const LAUNCH_BATCH = 20;

/**
 * Creates the child runs of started sub-workflow tasks (SubRunLaunchService)
 * after the transaction that started them committed: woken by their
 * announcement, with ROUTER_SAFETY_POLL_MS as a fallback, and again at once
 * while batches come back full. Each router runs one; they share the work
 * through SKIP LOCKED.
 */
@Injectable()
export class SubRunLaunchLoop implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(SubRunLaunchLoop.name);
  private readonly rounds = new CoalescedRounds(
    'launching sub-workflow runs',
    async () => (await this.launches.launchPending(LAUNCH_BATCH)) >= LAUNCH_BATCH,
    this.logger,
  );

  constructor(
    @Inject(TASKLOOM_CONFIG) private readonly config: TaskloomConfig,
    private readonly launches: SubRunLaunchService,
    private readonly notifications: RouterNotifications,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.notifications.listen(SUB_RUN_CHANNEL, () => this.rounds.wake());
    // Every pending launch is announced on commit: the poll only catches an announcement lost with the
    // listener's connection, as the due-time loops' safety poll does (ADR 0028).
    this.rounds.poll(Math.max(this.config.router.safetyPollMs, this.config.router.pollMs));
  }

  async onApplicationShutdown(): Promise<void> {
    await this.rounds.stop();
  }
}
