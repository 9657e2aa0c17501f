import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { TASKLOOM_CONFIG, type TaskloomConfig } from '@taskloom/config';
import {
  fireClock,
  fireTimesBetween,
  nextFireTime,
  nextFireTimes,
  parseEvery,
  ScheduleSpecError,
  type CatchUpPolicy,
  type OverlapPolicy,
  type PriorityClass,
} from '@taskloom/engine';
import {
  clockOf,
  ConflictError,
  NotFoundError,
  ScheduleRunsService,
  ValidationError,
  windowOf,
  type StartedRun,
} from '@taskloom/orchestrator';
import { ScheduleRepository, type ScheduleFields, type ScheduleRow } from '@taskloom/persistence';
import { encodeCursor, decodeCursor } from '../common/page-cursor';
import { WorkflowsService } from '../workflows/workflows.service';
import { z } from 'zod';
import type {
  BackfillBody,
  BackfillResultView,
  CreateScheduleBody,
  ScheduleListQuery,
  ScheduleSpecBody,
  ScheduleView,
} from './schedule.schemas';

const SHOWN_FIRE_TIMES = 5;
const SHOWN_RUNS = 10;
const NameCursor = z.tuple([z.string()]).transform(([name]) => name);
const EVERY_UNITS: [string, number][] = [
  ['d', 86_400_000],
  ['h', 3_600_000],
  ['m', 60_000],
  ['s', 1_000],
];

/** Schedules of the caller's tenant (DESIGN §8): stored here, fired by the routers. */
@Injectable()
export class SchedulesService {
  constructor(
    @Inject(TASKLOOM_CONFIG) private readonly config: TaskloomConfig,
    private readonly schedules: ScheduleRepository,
    private readonly scheduleRuns: ScheduleRunsService,
    private readonly workflows: WorkflowsService,
  ) {}

  async create(body: CreateScheduleBody, tenant: string): Promise<ScheduleView> {
    const fields = await this.fieldsOf(body, tenant);
    if (!(await this.schedules.create(randomUUID(), tenant, body.name, fields)))
      throw new ConflictError(`schedule ${body.name} already exists`);
    return this.get(body.name, tenant, false);
  }

  async replace(name: string, body: ScheduleSpecBody, tenant: string): Promise<ScheduleView> {
    const fields = await this.fieldsOf(body, tenant);
    if (!(await this.schedules.replace(tenant, name, fields))) throw notFound(name);
    return this.get(name, tenant, false);
  }

  async delete(name: string, tenant: string): Promise<void> {
    if (!(await this.schedules.delete(tenant, name))) throw notFound(name);
  }

  async get(name: string, tenant: string, withRuns = true): Promise<ScheduleView> {
    const schedule = await this.find(name, tenant);
    const view = present(schedule);
    if (!withRuns) return view;
    const runs = await this.schedules.lastRuns(schedule, SHOWN_RUNS);
    return {
      ...view,
      lastRuns: runs.map((run) => {
        const fired = run.idempotencyKey.slice(`schedule:${schedule.id}:`.length);
        return {
          id: run.id,
          status: run.status as NonNullable<ScheduleView['lastRuns']>[number]['status'],
          fireTime: fired.startsWith('trigger:') ? null : fired,
          createdAt: run.createdAt.toISOString(),
        };
      }),
    };
  }

  async list(query: ScheduleListQuery, tenant: string) {
    const after = query.cursor ? decodeCursor(query.cursor, NameCursor) : undefined;
    const page = await this.schedules.list(tenant, query.limit, after);
    const last = page.items.at(-1);
    return { items: page.items.map(present), nextCursor: page.more && last ? encodeCursor([last.name]) : null };
  }

  /** Pausing keeps the schedule as it is; resuming fires from now on: what was due while paused is not caught up. */
  async setPaused(name: string, tenant: string, paused: boolean): Promise<ScheduleView> {
    const schedule = await this.find(name, tenant);
    const next = paused ? undefined : nextFireTime(clockOf(schedule), new Date(), windowOf(schedule));
    await this.schedules.setPaused(tenant, name, paused, next);
    return this.get(name, tenant, false);
  }

  async trigger(name: string, tenant: string): Promise<StartedRun> {
    return this.scheduleRuns.startNow(await this.find(name, tenant));
  }

  /** One run per fire time in [from, to]; a fire time that had its run keeps it (its idempotency key). */
  async backfill(name: string, body: BackfillBody, tenant: string): Promise<BackfillResultView> {
    const schedule = await this.find(name, tenant);
    const from = new Date(body.from);
    const to = new Date(body.to);
    if (to.getTime() < from.getTime()) throw invalid('to', 'to must not be before from');
    const limit = this.config.schedules.backfillMax;
    const { times, truncated } = fireTimesBetween(clockOf(schedule), from, to, limit, windowOf(schedule));
    if (truncated)
      throw invalid('to', `the window holds more than SCHEDULE_BACKFILL_MAX (${limit}) fire times: split it`);
    // Concurrent starts share the run starter's batched writes.
    const runs = await Promise.all(times.map((time) => this.scheduleRuns.startForFireTime(schedule, time)));
    return {
      runs: runs.map((run, index) => ({ fireTime: times[index]!.toISOString(), id: run.id, created: run.created })),
    };
  }

  private async find(name: string, tenant: string): Promise<ScheduleRow> {
    const schedule = await this.schedules.find(tenant, name);
    if (!schedule) throw notFound(name);
    return schedule;
  }

  private async fieldsOf(body: ScheduleSpecBody, tenant: string): Promise<ScheduleFields> {
    if ((body.cron === undefined) === (body.every === undefined))
      throw invalid('cron', 'give cron or every, one of them');
    const everyMs = body.every === undefined ? null : parseEvery(body.every);
    if (everyMs === undefined) throw invalid('every', 'every must be a number and a unit: ms, s, m, h or d ("15m")');
    const startAt = body.startAt === undefined ? null : new Date(body.startAt);
    const endAt = body.endAt === undefined ? null : new Date(body.endAt);
    if (startAt && endAt && endAt.getTime() < startAt.getTime()) throw invalid('endAt', 'endAt is before startAt');
    // The workflow must exist for the tenant now (a later deletion only loses the fire times).
    await this.workflows.find({ tenant, name: body.workflow, version: body.version });
    const now = new Date();
    const clockFields = {
      cron: body.cron ?? null,
      everyMs,
      timezone: body.timezone,
      anchorAt: startAt ?? now,
    };
    let nextFireAt: Date | null;
    try {
      // An `every` schedule does not read its zone, but a zone that cannot be read is still refused.
      if (body.cron === undefined) fireClock({ cron: '* * * * *', timezone: body.timezone });
      nextFireAt = nextFireTime(clockOf(clockFields), now, { startAt, endAt });
    } catch (error) {
      if (error instanceof ScheduleSpecError)
        throw invalid(body.cron === undefined ? 'timezone' : 'cron', error.message);
      throw error;
    }
    return {
      ...clockFields,
      workflowName: body.workflow,
      workflowVersion: body.version ?? null,
      input: body.input,
      priority: body.priority ?? null,
      tags: body.tags,
      overlap: body.overlap satisfies OverlapPolicy,
      catchUp: body.catchUp satisfies CatchUpPolicy,
      jitterMs: body.jitterMs,
      startAt,
      endAt,
      paused: body.paused,
      nextFireAt,
    };
  }
}

function present(schedule: ScheduleRow): ScheduleView {
  const window = windowOf(schedule);
  const from = schedule.nextFireAt ? new Date(schedule.nextFireAt.getTime() - 1) : null;
  return {
    name: schedule.name,
    workflow: schedule.workflowName,
    version: schedule.workflowVersion,
    cron: schedule.cron,
    every: schedule.everyMs === null ? null : formatEvery(Number(schedule.everyMs)),
    timezone: schedule.timezone,
    input: schedule.input,
    priority: schedule.priority as PriorityClass | null,
    tags: schedule.tags,
    overlap: schedule.overlap as OverlapPolicy,
    catchUp: schedule.catchUp as CatchUpPolicy,
    jitterMs: schedule.jitterMs,
    startAt: schedule.startAt?.toISOString() ?? null,
    endAt: schedule.endAt?.toISOString() ?? null,
    paused: schedule.paused,
    nextFireTimes: from
      ? nextFireTimes(clockOf(schedule), from, SHOWN_FIRE_TIMES, window).map((time) => time.toISOString())
      : [],
    lastFiredAt: schedule.lastFiredAt?.toISOString() ?? null,
    createdAt: schedule.createdAt.toISOString(),
    updatedAt: schedule.updatedAt.toISOString(),
  };
}

function formatEvery(ms: number): string {
  for (const [unit, size] of EVERY_UNITS) if (ms % size === 0) return `${ms / size}${unit}`;
  return `${ms}ms`;
}

function notFound(name: string): NotFoundError {
  return new NotFoundError(`schedule ${name} not found`);
}

function invalid(path: string, message: string): ValidationError {
  return new ValidationError(`${path}: ${message}`, [{ path, message }]);
}
