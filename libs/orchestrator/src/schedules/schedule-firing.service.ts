import { Inject, Injectable, Logger } from '@nestjs/common';
import { TASKLOOM_CONFIG, type TaskloomConfig } from '@taskloom/config';
import {
  decideCatchUp,
  decideOverlap,
  fireTimesBetween,
  nextFireTime,
  type CatchUpPolicy,
  type OverlapPolicy,
} from '@taskloom/engine';
import { ScheduleRepository, TransactionRunner, type Db, type ScheduleRow } from '@taskloom/persistence';
import { TaskloomError } from '../errors';
import { RunControlService } from '../run-control.service';
import { clockOf, windowOf } from './schedule-clock';
import { ScheduleRunsService } from './schedule-runs.service';

/**
 * Fires due schedules. Each round claims up to SCHEDULE_BATCH due schedules
 * with row locks (SKIP LOCKED: routers share them, none is a leader),
 * starts their runs, and moves next_fire_at past now in the same
 * transaction. A router killed anywhere in between leaves the row as it
 * was; the next router starts the same fire times again, and their
 * idempotency keys (schedule + fire time) return the runs that exist: one
 * run per fire time (ADR 0020).
 */
@Injectable()
export class ScheduleFiringService {
  private readonly logger = new Logger(ScheduleFiringService.name);

  constructor(
    @Inject(TASKLOOM_CONFIG) private readonly config: TaskloomConfig,
    private readonly transactions: TransactionRunner,
    private readonly schedules: ScheduleRepository,
    private readonly scheduleRuns: ScheduleRunsService,
    private readonly runControl: RunControlService,
  ) {}

  /** One round; returns how many schedules it handled (a full batch means more may be due). */
  fireDue(): Promise<number> {
    return this.transactions.run(async (db) => {
      const due = await this.schedules.claimDue(db, this.config.schedules.batch);
      for (const schedule of due) await this.fire(db, schedule);
      return due.length;
    });
  }

  private async fire(db: Db, schedule: ScheduleRow): Promise<void> {
    const now = new Date();
    const clock = clockOf(schedule);
    const window = windowOf(schedule);
    let active = schedule.lastRunId ? await this.schedules.isRunActive(db, schedule.lastRunId) : false;
    const starts: Date[] = [];
    let buffered = schedule.bufferedFireAt;
    if (buffered && !active) {
      starts.push(buffered);
      buffered = null;
      active = true;
    }
    let cancelActive = false;
    let nextFireAt = schedule.nextFireAt;
    if (nextFireAt && nextFireAt.getTime() <= now.getTime()) {
      const { catchUpMax, misfireGraceMs } = this.config.schedules;
      const { times } = fireTimesBetween(clock, nextFireAt, now, catchUpMax, window);
      const fires = decideCatchUp({
        due: times,
        now,
        policy: schedule.catchUp as CatchUpPolicy,
        graceMs: misfireGraceMs,
      });
      const plan = decideOverlap(fires, schedule.overlap as OverlapPolicy, active);
      starts.push(...plan.start);
      buffered = plan.buffer ?? buffered;
      cancelActive = plan.cancelActive;
      nextFireAt = nextFireTime(clock, now, window);
    }
    if (cancelActive && schedule.lastRunId) await this.cancelQuietly(schedule.lastRunId);
    let lastRunId = schedule.lastRunId;
    let lastFiredAt = schedule.lastFiredAt;
    for (const fireTime of starts) {
      try {
        lastRunId = (await this.scheduleRuns.startForFireTime(schedule, fireTime)).id;
        lastFiredAt = fireTime;
      } catch (error) {
        // The request itself is refused (workflow gone, input no longer valid): this fire time is
        // lost, not retried forever. Anything else (PostgreSQL down) fails the round, retried.
        if (!(error instanceof TaskloomError)) throw error;
        this.logger.warn(`schedule ${schedule.name} (${schedule.tenant}) could not start a run: ${error.message}`);
      }
    }
    await this.schedules.advance(db, schedule.id, { nextFireAt, bufferedFireAt: buffered, lastRunId, lastFiredAt });
  }

  private async cancelQuietly(runId: string): Promise<void> {
    try {
      await this.runControl.cancel(runId);
    } catch (error) {
      // Ended meanwhile: nothing to cancel.
      if (!(error instanceof TaskloomError)) throw error;
    }
  }
}
