import { Injectable } from '@nestjs/common';
import { jitterOffsetMs, scheduleRunKey, type JsonValue, type PriorityClass } from '@taskloom/engine';
import type { ScheduleRow } from '@taskloom/persistence';
import { metrics } from '@taskloom/telemetry';
import { randomUUID } from 'node:crypto';
import { RunStarterService, type StartedRun } from '../run-starter.service';

/**
 * Starts a schedule's runs through the one run-start path. A fire time's
 * run has the idempotency key schedule + fire time: starting it again (a
 * router killed before it recorded the fire, a backfill over fired times)
 * returns the run that exists.
 */
@Injectable()
export class ScheduleRunsService {
  constructor(private readonly starter: RunStarterService) {}

  /** The run of one fire time; jitter delays its start (a delayed run) by an offset fixed per fire time. */
  async startForFireTime(schedule: ScheduleRow, fireTime: Date): Promise<StartedRun> {
    const jitter = jitterOffsetMs(schedule.id, fireTime, schedule.jitterMs);
    const run = await this.start(
      schedule,
      scheduleRunKey(schedule.id, fireTime),
      jitter > 0 ? jitter : undefined,
      fireTime,
    );
    if (run.created) {
      metrics.scheduleLag.observe({ source: 'schedule' }, Math.max(0, Date.now() - fireTime.getTime()) / 1000);
      metrics.runsStartedBy.inc({ source: 'schedule' });
    }
    return run;
  }

  /** A run now, outside the fire times (POST /schedules/{name}/trigger). */
  async startNow(schedule: ScheduleRow): Promise<StartedRun> {
    const run = await this.start(schedule, `schedule:${schedule.id}:trigger:${randomUUID()}`);
    metrics.runsStartedBy.inc({ source: 'schedule' });
    return run;
  }

  private start(
    schedule: ScheduleRow,
    idempotencyKey: string,
    jitterMs?: number,
    fireTime?: Date,
  ): Promise<StartedRun> {
    return this.starter.start({
      workflow: schedule.workflowName,
      version: schedule.workflowVersion ?? undefined,
      input: schedule.input as JsonValue,
      priority: (schedule.priority ?? undefined) as PriorityClass | undefined,
      tags: schedule.tags,
      tenant: schedule.tenant,
      idempotencyKey,
      startAt: jitterMs !== undefined && fireTime ? new Date(fireTime.getTime() + jitterMs) : undefined,
    });
  }
}
