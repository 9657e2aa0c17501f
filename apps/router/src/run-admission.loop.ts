import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { TASKLOOM_CONFIG, type TaskloomConfig } from '@taskloom/config';
import { RunAdmissionService } from '@taskloom/orchestrator';
import { RUN_ADMISSION_CHANNEL } from '@taskloom/persistence';
import { CoalescedRounds } from './coalesced-rounds';
import { RouterNotifications } from './router-notifications';

/** Keys admitted per round; each is a short transaction of its own. */
const KEYS_PER_ROUND = 100;
/**
 * Admits runs queued for a workflow concurrency key (RunAdmissionService,
 * ADR 0027) when a run is queued or a keyed run ends — both announced by a
 * trigger on runs — with ROUTER_SAFETY_POLL_MS as a safety net for an
 * announcement lost with the listening connection (ADR 0028), and again at once while
 * rounds come back full. Each router runs one; per-key advisory locks make
 * admission exact with any number of routers (and with the run starter,
 * which decides the runs it has just created itself).
 */
@Injectable()
export class RunAdmissionLoop implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(RunAdmissionLoop.name);
  private readonly rounds = new CoalescedRounds('admitting queued runs', () => this.admit(), this.logger);

  constructor(
    @Inject(TASKLOOM_CONFIG) private readonly config: TaskloomConfig,
    private readonly admission: RunAdmissionService,
    private readonly notifications: RouterNotifications,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.notifications.listen(RUN_ADMISSION_CHANNEL, () => this.rounds.wake());
    this.rounds.poll(this.config.router.safetyPollMs);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.rounds.stop();
  }

  private async admit(): Promise<boolean> {
    return (await this.admission.admitQueued(KEYS_PER_ROUND)).examined >= KEYS_PER_ROUND;
  }
}
