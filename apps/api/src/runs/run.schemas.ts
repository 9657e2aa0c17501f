import {
  JsonValueSchema,
  ON_LIMIT_POLICIES,
  PrioritySchema,
  RUN_STATUSES,
  TASK_KEY_PATTERN,
  TASK_STATUSES,
} from '@taskloom/engine';
import { z } from 'zod';
import { TenantSchema } from '../auth/tenant';
import { CursorQuerySchema, NextCursorSchema } from '../common/page-cursor';
import { WaitingOnSchema } from './waiting-on.schemas';

const priority = PrioritySchema;
/** PostgreSQL's integer: a larger version or index could never match a row, and would fail the query. */
export const MAX_INT32 = 2_147_483_647;
const json = JsonValueSchema;
/** Ten years: a Date far past this is out of JavaScript's and PostgreSQL's range; not an operational limit. */
const MAX_DELAY_MS = 315_360_000_000;

/** What the run and task views are shaped as: a Date becomes its ISO text (what JSON.stringify would write). */
export const timestamp = z.iso.datetime();
export const RunStatusSchema = z.enum(RUN_STATUSES).meta({ id: 'RunStatus' });
export const TaskStatusSchema = z.enum(TASK_STATUSES).meta({ id: 'TaskStatus' });

export const StartRunSchema = z
  .object({
    input: json.default({}).describe('The run input; validated against the workflow inputSchema.'),
    priority: priority.optional().describe('Priority class for tasks that do not name their own.'),
    version: z.number().int().positive().max(MAX_INT32).optional().describe('Pin a version; the latest when absent.'),
    owner: TenantSchema.optional().describe(
      'The tenant that owns the workflow: only needed for a workflow several tenants shared with you under one name.',
    ),
    idempotencyKey: z.string().min(1).max(200).optional().describe('The same key starts the same run once.'),
    tags: z.array(z.string().min(1).max(100)).max(20).optional(),
    timeoutMs: z
      .int()
      .min(1)
      .max(MAX_INT32)
      .optional()
      .describe(
        "The run's deadline from now, over the definition's defaults.runTimeoutMs: on expiry what has not ended is cancelled and the run fails (RunTimeout).",
      ),
    startAt: z.iso
      .datetime({ offset: true })
      .optional()
      .describe('Start later: the run is `scheduled` until this instant, and can be cancelled meanwhile.'),
    delayMs: z
      .int()
      .min(0)
      .max(MAX_DELAY_MS)
      .optional()
      .describe('Start this many milliseconds from now (instead of `startAt`).'),
  })
  .strict()
  // A refinement, so a batch item with both is refused alone (each item is parsed on its own).
  .refine((body) => body.startAt === undefined || body.delayMs === undefined, {
    message: 'give startAt or delayMs, not both',
    path: ['delayMs'],
  })
  .meta({
    id: 'StartRun',
    example: { input: { orderId: 'A-1001' }, priority: 'high', idempotencyKey: 'order-A-1001' },
  });

export type StartRunBody = z.infer<typeof StartRunSchema>;

/** When a run start request asks the run to start (startAt or delayMs): undefined for at once. */
export function requestedStartTime(
  body: Pick<StartRunBody, 'startAt' | 'delayMs'>,
  now = Date.now(),
): Date | undefined {
  if (body.startAt !== undefined) return new Date(body.startAt);
  if (body.delayMs !== undefined && body.delayMs > 0) return new Date(now + body.delayMs);
  return undefined;
}

export const RunSearchSchema = z
  .object({
    workflow: z.string().max(128).optional().describe('Only runs of this workflow (by name).'),
    status: RunStatusSchema.optional(),
    tag: z.string().max(100).optional().describe('Only runs carrying this tag.'),
    since: z.iso.datetime({ offset: true }).optional().describe('Only runs created at or after this instant.'),
    until: z.iso.datetime({ offset: true }).optional().describe('Only runs created before this instant.'),
    limit: z.coerce.number().int().min(1).max(500).default(50),
    cursor: CursorQuerySchema,
  })
  .strict();

export type RunSearchQuery = z.infer<typeof RunSearchSchema>;

export const TaskLogsQuerySchema = z
  .object({ index: z.coerce.number().int().min(0).max(MAX_INT32).optional().describe('forEach item index') })
  .strict();

export type TaskLogsQuery = z.infer<typeof TaskLogsQuerySchema>;

/** `/workflows/{name}/versions/{version}`: a positive integer PostgreSQL can hold. */
export const WorkflowVersionParamSchema = z.coerce
  .number()
  .int()
  .positive()
  .max(MAX_INT32)
  .describe('A version number, 1 and up');

export const RunIdParamSchema = z.uuid().describe('A run id');
export const TaskKeyParamSchema = z.string().regex(TASK_KEY_PATTERN).describe("A task key of the run's workflow");

/** A failed (or skipped) run's or task's error: a name and a message, and more fields depending on the cause. */
export const ErrorInfoSchema = z
  .looseObject({
    name: z.string().optional().describe('The error class, e.g. TaskTimeoutError, TasksFailed, Cancelled.'),
    message: z.string(),
    reason: z.string().optional().describe('For a skipped task: why (condition, trigger).'),
  })
  .meta({ id: 'ErrorInfo' });

// A union, not .nullable(): OpenAPI 3.0 ignores `nullable` beside a bare $ref.
const errorOrNull = z.union([ErrorInfoSchema, z.null()]);

const anyJson = z.unknown().describe('Any JSON value (null when absent).');

export const RunSummarySchema = z
  .object({
    id: z.uuid(),
    workflow: z.string(),
    version: z.int().min(1),
    status: RunStatusSchema,
    priority: PrioritySchema,
    input: anyJson,
    output: anyJson,
    error: errorOrNull,
    tags: z.array(z.string()),
    parentTaskId: z.uuid().nullable().describe('For a sub-workflow run: the task of the parent run it runs for.'),
    startAt: timestamp
      .nullable()
      .describe("A delayed run's start time: the run is `scheduled` until then (null: started at once)."),
    createdAt: timestamp,
    startedAt: timestamp.nullable(),
    finishedAt: timestamp.nullable(),
  })
  .meta({ id: 'RunSummary' });

export type RunSummaryView = z.infer<typeof RunSummarySchema>;

const taskFields = {
  id: z.uuid(),
  key: z.string(),
  kind: z
    .enum(['task', 'workflow', 'foreach', 'item', 'sleep', 'signal'])
    .describe('A task, a sub-workflow, a forEach group, one item of a group, a durable sleep, or a signal wait.'),
  type: z.string().nullable().describe('The task type (null for a sub-workflow or a forEach group).'),
  status: TaskStatusSchema,
  attempts: z.int().min(0),
  interruptions: z
    .int()
    .min(0)
    .describe('Of the attempts, how many were interrupted (executor lost or shut down); they used up no retry.'),
  priority: PrioritySchema,
  index: z.int().min(0).optional().describe('A forEach item: its index in the array.'),
  input: anyJson,
  output: anyJson,
  error: errorOrNull,
  queuedAt: timestamp.nullable(),
  startedAt: timestamp.nullable(),
  finishedAt: timestamp.nullable(),
  wait: z
    .object({
      signal: z.string().optional().describe('A signal wait: the signal it waits for.'),
      until: timestamp.nullable().describe("When it ends: a sleep's end, a signal wait's timeout (null: none)."),
    })
    .optional()
    .describe('A waiting task (status waiting): what it waits for.'),
  waitingOn: WaitingOnSchema.optional().describe(
    'On a task that is neither running nor ended (GET /runs/{id}): why it has not started yet.',
  ),
};

export const TaskItemSchema = z.object(taskFields).meta({ id: 'TaskItem' });

export type TaskItemView = z.infer<typeof TaskItemSchema>;

export const TaskSchema = z
  .object({
    ...taskFields,
    items: z.array(TaskItemSchema).optional().describe('A forEach group: its items, in item order.'),
  })
  .meta({ id: 'Task' });

export type TaskView = z.infer<typeof TaskSchema>;

export const RunConcurrencySchema = z
  .object({
    key: z.string().describe("The workflow's concurrency key rendered for this run."),
    limit: z.int().min(1),
    onLimit: z.enum(ON_LIMIT_POLICIES),
  })
  .meta({
    id: 'RunConcurrencyKey',
    description:
      "The run's workflow concurrency key (DESIGN §10): at most `limit` runs with this key are active at once; a `queued` run waits for one of them to end.",
  });

export type RunConcurrencyView = z.infer<typeof RunConcurrencySchema>;

export const RunSchema = RunSummarySchema.extend({
  concurrency: z
    .union([RunConcurrencySchema, z.null()])
    .describe("The run's workflow concurrency key; null when its workflow has none."),
  tasks: z.array(TaskSchema).describe('Top-level tasks in definition order.'),
}).meta({ id: 'Run' });

export type RunView = z.infer<typeof RunSchema>;

export const RunListSchema = z
  .object({
    items: z.array(RunSummarySchema).describe('Newest first.'),
    nextCursor: NextCursorSchema,
  })
  .meta({ id: 'RunList' });

export const LogLineSchema = z
  .object({
    ts: timestamp,
    level: z.enum(['debug', 'info', 'warn', 'error']),
    msg: z.string(),
    fields: z.record(z.string(), z.unknown()).optional(),
  })
  .meta({ id: 'LogLine' });

/** One attempt as both the logs and the run's timeline show it. */
export const attemptFields = {
  attempt: z.int().min(1),
  status: z.string().describe('How the attempt ended, e.g. succeeded, failed, interrupted.'),
  executorId: z.uuid().nullable(),
  startedAt: timestamp.nullable(),
  finishedAt: timestamp,
  durationMs: z.number().min(0).nullable(),
};

export const TaskLogsSchema = z
  .object({
    runId: z.uuid(),
    key: z.string(),
    index: z.int().min(0).optional().describe('The forEach item asked for with ?index='),
    attempts: z.array(
      z
        .object({
          ...attemptFields,
          error: errorOrNull,
          logs: z.array(LogLineSchema).describe('Bounded per attempt.'),
        })
        .meta({ id: 'TaskAttempt' }),
    ),
  })
  .meta({ id: 'TaskLogs' });

export type TaskLogsView = z.infer<typeof TaskLogsSchema>;

export const StartedRunSchema = z
  .object({
    id: z.uuid(),
    status: RunStatusSchema,
    workflow: z.string(),
    version: z.int().min(1).describe('The version the run is pinned to.'),
  })
  .meta({ id: 'StartedRun' });

export const RunControlResultSchema = z
  .object({ id: z.uuid(), status: RunStatusSchema.describe('The run status after the action.') })
  .meta({ id: 'RunControlResult' });

export type RunControlResultView = z.infer<typeof RunControlResultSchema>;
