import {
  CATCH_UP_POLICIES,
  JsonValueSchema,
  OVERLAP_POLICIES,
  PrioritySchema,
  SCHEDULE_DEFAULTS,
  WORKFLOW_NAME_PATTERN,
} from '@taskloom/engine';
import { z } from 'zod';
import { CursorQuerySchema, NextCursorSchema } from '../common/page-cursor';
import { MAX_INT32, RunStatusSchema, timestamp } from '../runs/run.schemas';

export const ScheduleNameParamSchema = z
  .string()
  .regex(WORKFLOW_NAME_PATTERN)
  .describe('A schedule name: letters, digits, ., _ and -, at most 128');

const instant = z.iso.datetime({ offset: true });

/** Everything a schedule is, but its name: the body of PUT, and of POST with the name. */
export const ScheduleSpecSchema = z
  .object({
    workflow: z.string().regex(WORKFLOW_NAME_PATTERN).describe('The workflow to start (of your tenant).'),
    version: z
      .int()
      .positive()
      .max(MAX_INT32)
      .optional()
      .describe('Pin a version; the latest at each fire when absent.'),
    cron: z
      .string()
      .min(1)
      .max(200)
      .optional()
      .describe('A cron expression: 5 fields, or 6 with seconds first. Give `cron` or `every`.'),
    every: z
      .string()
      .max(20)
      .optional()
      .describe('A fixed interval: a number and ms, s, m, h or d ("15m"), counted from startAt or from creation.'),
    timezone: z
      .string()
      .min(1)
      .max(64)
      .default(SCHEDULE_DEFAULTS.timezone)
      .describe('The IANA time zone `cron` is read in.'),
    input: JsonValueSchema.default(SCHEDULE_DEFAULTS.input).describe("Each run's input."),
    priority: PrioritySchema.optional(),
    tags: z
      .array(z.string().min(1).max(100))
      .max(20)
      .default([...SCHEDULE_DEFAULTS.tags]),
    overlap: z
      .enum(OVERLAP_POLICIES)
      .default(SCHEDULE_DEFAULTS.overlap)
      .describe(
        "When the schedule's previous run is still active at a fire time: skip the fire time, allow a second run, buffer_one (start the latest held fire time when it ends), cancel_running (cancel it, start anew).",
      ),
    catchUp: z
      .enum(CATCH_UP_POLICIES)
      .default(SCHEDULE_DEFAULTS.catchUp)
      .describe(
        'Fire times missed while no router ran (later than SCHEDULE_MISFIRE_GRACE_MS): none, latest (one run for the gap), all (at most SCHEDULE_CATCH_UP_MAX, the latest).',
      ),
    jitterMs: z
      .int()
      .min(0)
      .max(86_400_000)
      .default(SCHEDULE_DEFAULTS.jitterMs)
      .describe(
        'Each run starts up to this much after its fire time (a fixed offset per fire time): spreads schedules that share a time.',
      ),
    startAt: instant.optional().describe('No fire time before this instant.'),
    endAt: instant.optional().describe('No fire time after this instant.'),
    paused: z.boolean().default(SCHEDULE_DEFAULTS.paused),
  })
  .strict();

export type ScheduleSpecBody = z.infer<typeof ScheduleSpecSchema>;

export const CreateScheduleSchema = ScheduleSpecSchema.extend({
  name: ScheduleNameParamSchema.describe('Unique within your tenant.'),
})
  .strict()
  .meta({
    id: 'CreateSchedule',
    example: { name: 'nightly-report', workflow: 'report', cron: '0 2 * * *', timezone: 'Europe/Berlin' },
  });

export type CreateScheduleBody = z.infer<typeof CreateScheduleSchema>;

export const ReplaceScheduleSchema = ScheduleSpecSchema.meta({ id: 'ReplaceSchedule' });

const ScheduleRunSchema = z
  .object({
    id: z.uuid(),
    status: RunStatusSchema,
    fireTime: timestamp.nullable().describe('The fire time it stands for; null for a run started by trigger.'),
    createdAt: timestamp,
  })
  .meta({ id: 'ScheduleRun' });

export const ScheduleSchema = z
  .object({
    name: z.string(),
    workflow: z.string(),
    version: z.int().nullable(),
    cron: z.string().nullable(),
    every: z.string().nullable(),
    timezone: z.string(),
    input: z.unknown().describe('Any JSON value.'),
    // A union, not .nullable(): OpenAPI 3.0 ignores `nullable` beside a bare $ref.
    priority: z.union([PrioritySchema, z.null()]),
    tags: z.array(z.string()),
    overlap: z.enum(OVERLAP_POLICIES),
    catchUp: z.enum(CATCH_UP_POLICIES),
    jitterMs: z.int(),
    startAt: timestamp.nullable(),
    endAt: timestamp.nullable(),
    paused: z.boolean(),
    nextFireTimes: z
      .array(timestamp)
      .describe('The next five fire times (fewer when endAt comes first); shown while paused too.'),
    lastFiredAt: timestamp.nullable().describe('The latest fire time that started a run.'),
    lastRuns: z
      .array(ScheduleRunSchema)
      .optional()
      .describe('The latest runs it started, newest first (GET one only).'),
    createdAt: timestamp,
    updatedAt: timestamp,
  })
  .meta({ id: 'Schedule' });

export type ScheduleView = z.infer<typeof ScheduleSchema>;

export const ScheduleListQuerySchema = z
  .object({ limit: z.coerce.number().int().min(1).max(500).default(50), cursor: CursorQuerySchema })
  .strict();

export type ScheduleListQuery = z.infer<typeof ScheduleListQuerySchema>;

export const ScheduleListSchema = z
  .object({ items: z.array(ScheduleSchema), nextCursor: NextCursorSchema })
  .meta({ id: 'ScheduleList' });

export const BackfillSchema = z
  .object({
    from: instant.describe('The window start (included).'),
    to: instant.describe('The window end (included).'),
  })
  .strict()
  .meta({ id: 'Backfill', example: { from: '2026-01-01T00:00:00Z', to: '2026-01-02T00:00:00Z' } });

export type BackfillBody = z.infer<typeof BackfillSchema>;

export const BackfillResultSchema = z
  .object({
    runs: z
      .array(
        z.object({
          fireTime: timestamp,
          id: z.uuid(),
          created: z.boolean().describe('False when that fire time already had its run, which is listed.'),
        }),
      )
      .describe('One run per fire time in the window, in order.'),
  })
  .meta({ id: 'BackfillResult' });

export type BackfillResultView = z.infer<typeof BackfillResultSchema>;
