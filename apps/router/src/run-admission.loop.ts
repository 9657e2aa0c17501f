import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { TASKLOOM_CONFIG, type TaskloomConfig } from '@taskloom/config';
import { RunAdmissionService } from '@taskloom/orchestrator';
import { ReadyListener, RUN_ADMISSION_CHANNEL } from '@taskloom/persistence';
import { CoalescedRounds } from './coalesced-rounds';

/** Keys admitted per round; each is a short transaction of its own. */
const KEYS_PER_ROUND = 100;
/**
 * The fallback poll's shortest period: a run queued and every slot freed is
 * announced on commit (a trigger on runs), so the poll only catches an
 * announcement lost with the listener's connection.
 */
const MIN_POLL_MS = 1_000;

/**
 * Admits runs queued for a workflow concurrency key (RunAdmissionService,
 * ADR 0027) when a run is queued or a keyed run ends — both announced by a
 * trigger on runs — with a poll as a safety net, and again at once while
 * rounds come back full. Each router runs one; per-key advisory locks make
 * admission exact with any number of routers (and with the run starter,
 * which decides the runs it has just created itself).
 */
@Injectable()
export class RunAdmissionLoop implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(RunAdmissionLoop.name);
  private listener: ReadyListener | undefined;
  private readonly rounds = new CoalescedRounds('admitting queued runs', () => this.admit(), this.logger);

  constructor(
    @Inject(TASKLOOM_CONFIG) private readonly config: TaskloomConfig,
    private readonly admission: RunAdmissionService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    this.listener = new ReadyListener(
      this.config.database.url,
      () => this.rounds.wake(),
      (error) => this.logger.warn(`run admission listener: ${error.message}`),
      RUN_ADMISSION_CHANNEL,
    );
    await this.listener.start();
    this.rounds.poll(Math.max(MIN_POLL_MS, this.config.router.pollMs));
  }

  async onApplicationShutdown(): Promise<void> {
    await this.rounds.stop();
    await this.listener?.close();
  }

  private async admit(): Promise<boolean> {
    return (await this.admission.admitQueued(KEYS_PER_ROUND)).examined >= KEYS_PER_ROUND;
  }
}
