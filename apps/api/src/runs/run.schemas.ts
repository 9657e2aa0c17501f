import { z } from 'zod';
import { TenantSchema } from '../auth/tenant';

const priority = z.enum(['critical', 'high', 'normal', 'low']);
/** PostgreSQL's integer: a larger version or index could never match a row, and would fail the query. */
export const MAX_INT32 = 2_147_483_647;
const json = z.json();

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
  })
  .strict()
  .meta({
    id: 'StartRun',
    example: { input: { orderId: 'A-1001' }, priority: 'high', idempotencyKey: 'order-A-1001' },
  });

export type StartRunBody = z.infer<typeof StartRunSchema>;

export const RunSearchSchema = z
  .object({
    workflow: z.string().optional(),
    status: z.enum(['pending', 'running', 'paused', 'succeeded', 'failed', 'cancelled']).optional(),
    tag: z.string().optional(),
    since: z.iso.datetime({ offset: true }).optional().describe('only runs created at or after this instant'),
    until: z.iso.datetime({ offset: true }).optional().describe('only runs created before this instant'),
    limit: z.coerce.number().int().min(1).max(500).default(50),
    cursor: z.string().optional().describe('nextCursor of the previous page'),
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
