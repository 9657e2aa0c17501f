import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { TASKLOOM_CONFIG, type TaskloomConfig } from '@taskloom/config';
import { OverloadedError } from '@taskloom/orchestrator';
import { TaskDispatchRepository } from '@taskloom/persistence';

/** The backlog moves by whole bursts; counting it more often would be most of a busy api's PostgreSQL reads. */
const SAMPLE_EVERY_MS = 1_000;
/** A sample older than this (the api was quiet meanwhile) says little about now: the request waits for a new one. */
const STALE_AFTER_MS = 5 * SAMPLE_EVERY_MS;
const MAX_RETRY_AFTER_S = 30;

/**
 * Explicit backpressure at the front door (DESIGN invariant 5): while the
 * backlog of tasks waiting to run (ready + queued) is past API_BACKLOG_LIMIT,
 * new runs are refused with 429 and a Retry-After that grows with how far
 * past the limit it is. Nothing already accepted is dropped.
 *
 * The backlog is sampled, not counted per request, and only while requests
 * come: under a steady stream a request older than a second's sample starts
 * a new one in the background and is judged on the last, so the count is
 * never on the hot path; after a quiet spell the first request waits for a
 * fresh count. An idle api reads nothing (ADR 0034).
 */
@Injectable()
export class BacklogGuard implements OnModuleInit {
  private readonly logger = new Logger(BacklogGuard.name);
  private backlog = 0;
  private sampledAt = 0;
  private sampling: Promise<void> | undefined;

  constructor(
    @Inject(TASKLOOM_CONFIG) private readonly config: TaskloomConfig,
    private readonly dispatch: TaskDispatchRepository,
  ) {}

  async onModuleInit(): Promise<void> {
    await this.sample();
  }

  private async sample(): Promise<void> {
    try {
      this.backlog = await this.dispatch.countBacklog();
      this.sampledAt = Date.now();
    } catch (error) {
      this.logger.warn(`sampling the backlog failed: ${(error as Error).message}`);
    }
  }

  /** Throws OverloadedError (429) while the backlog is past the limit. */
  async assertAccepting(): Promise<void> {
    await this.recentSample();
    this.judge();
  }

  private recentSample(): Promise<void> {
    const age = Date.now() - this.sampledAt;
    if (age < SAMPLE_EVERY_MS) return Promise.resolve();
    const sampling = (this.sampling ??= this.sample().finally(() => {
      this.sampling = undefined;
    }));
    return age < STALE_AFTER_MS ? Promise.resolve() : sampling;
  }

  private judge(): void {
    const limit = this.config.api.backlogLimit;
    if (this.backlog <= limit) return;
    const overshoot = this.backlog / limit;
    const retryAfter = Math.min(MAX_RETRY_AFTER_S, Math.max(1, Math.ceil((overshoot - 1) * 10)));
    throw new OverloadedError(
      `the backlog of ${this.backlog} waiting tasks is past the limit of ${limit} (API_BACKLOG_LIMIT); retry after ${retryAfter} s`,
      retryAfter,
    );
  }
}
