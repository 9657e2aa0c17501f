import { Inject, Injectable, Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { TASKLOOM_CONFIG, type TaskloomConfig } from '@taskloom/config';
import { OverloadedError } from '@taskloom/orchestrator';
import { TaskDispatchRepository } from '@taskloom/persistence';

/** The backlog moves by whole bursts; sampling it more often would be most of an idle api's PostgreSQL traffic. */
const SAMPLE_EVERY_MS = 1_000;
const MAX_RETRY_AFTER_S = 30;

/**
 * Explicit backpressure at the front door (DESIGN invariant 5): while the
 * backlog of tasks waiting to run (ready + queued) is past API_BACKLOG_LIMIT,
 * new runs are refused with 429 and a Retry-After that grows with how far
 * past the limit it is. Nothing already accepted is dropped. The backlog is
 * sampled, not counted per request, so the check costs nothing on the hot path.
 */
@Injectable()
export class BacklogGuard implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(BacklogGuard.name);
  private backlog = 0;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    @Inject(TASKLOOM_CONFIG) private readonly config: TaskloomConfig,
    private readonly dispatch: TaskDispatchRepository,
  ) {}

  async onModuleInit(): Promise<void> {
    await this.sample();
    this.timer = setInterval(() => void this.sample(), SAMPLE_EVERY_MS);
  }

  async sample(): Promise<void> {
    try {
      this.backlog = await this.dispatch.countBacklog();
    } catch (error) {
      this.logger.warn(`sampling the backlog failed: ${(error as Error).message}`);
    }
  }

  assertAccepting(): void {
    const limit = this.config.api.backlogLimit;
    if (this.backlog <= limit) return;
    const overshoot = this.backlog / limit;
    const retryAfter = Math.min(MAX_RETRY_AFTER_S, Math.max(1, Math.ceil((overshoot - 1) * 10)));
    throw new OverloadedError(
      `the backlog of ${this.backlog} waiting tasks is past the limit of ${limit} (API_BACKLOG_LIMIT); retry after ${retryAfter} s`,
      retryAfter,
    );
  }

  onApplicationShutdown(): void {
    if (this.timer) clearInterval(this.timer);
  }
}
