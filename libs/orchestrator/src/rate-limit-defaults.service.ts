import { Injectable } from '@nestjs/common';
import type { RateLimitDefault } from '@taskloom/engine';
import { TaskTypeRepository, type Db } from '@taskloom/persistence';

/** How long the task types' default rate limits are reused before they are read again. */
export const RATE_DEFAULTS_REUSE_MS = 5_000;

/**
 * The task types' default rate limits (ADR 0026), as executors published
 * them, read at most once per RATE_DEFAULTS_REUSE_MS per process: activation
 * needs them for every task that becomes ready, and they change only when an
 * executor with a new plugin version starts.
 */
@Injectable()
export class RateLimitDefaults {
  private cached: Promise<Map<string, RateLimitDefault>> | undefined;
  private readAt = 0;

  constructor(private readonly taskTypes: TaskTypeRepository) {}

  /** The defaults by type; `db` reads them inside the caller's transaction (no second connection is taken). */
  current(db?: Db): Promise<Map<string, RateLimitDefault>> {
    if (this.cached && Date.now() - this.readAt < RATE_DEFAULTS_REUSE_MS) return this.cached;
    this.readAt = Date.now();
    const reading = this.read(db);
    this.cached = reading;
    // A failed read is not kept: the next caller tries again.
    reading.catch(() => {
      if (this.cached === reading) this.cached = undefined;
    });
    return reading;
  }

  private async read(db: Db | undefined): Promise<Map<string, RateLimitDefault>> {
    const rows = await this.taskTypes.rateDefaults(db);
    return new Map(rows.map((row) => [row.type, row.rateLimit]));
  }
}
