import { WORKFLOW_NAME_PATTERN, WorkflowDefinitionSchema } from '@taskloom/engine';
import type { WorkflowSummary } from '@taskloom/persistence';
import { z } from 'zod';
import { TENANT_PATTERN, TenantSchema } from '../auth/tenant';
import { encodeCursor, CursorQuerySchema, NextCursorSchema } from '../common/page-cursor';
import { timestamp } from '../runs/run.schemas';

export const WorkflowListQuerySchema = z
  .object({
    limit: z.coerce.number().int().min(1).max(500).default(100),
    cursor: CursorQuerySchema,
  })
  .strict();

export type WorkflowListQuery = z.infer<typeof WorkflowListQuerySchema>;

export const WorkflowOwnerQuerySchema = z
  .object({
    owner: TenantSchema.optional().describe(
      'The tenant that owns the workflow: only needed for a name several tenants shared with you.',
    ),
  })
  .strict();

export type WorkflowOwnerQuery = z.infer<typeof WorkflowOwnerQuerySchema>;

/** Workflows are listed by (name, owner), which is unique, so it is the whole cursor. */
export const WorkflowCursor = z
  .tuple([z.string().regex(WORKFLOW_NAME_PATTERN), z.string().regex(TENANT_PATTERN)])
  .transform(([name, owner]) => ({ name, owner }));

export function workflowCursor(item: Pick<WorkflowSummary, 'name' | 'owner'>): string {
  return encodeCursor([item.name, item.owner]);
}

export const ShareTenantParamSchema = TenantSchema;

export const WorkflowShareSchema = z
  .object({
    name: z.string(),
    tenant: z.string().describe('The tenant the workflow is shared with.'),
    createdAt: z.iso.datetime(),
  })
  .meta({ id: 'WorkflowShare' });

export const WorkflowShareListSchema = z
  .object({ items: z.array(WorkflowShareSchema) })
  .meta({ id: 'WorkflowShareList' });

export const WorkflowNameParamSchema = z
  .string()
  .regex(WORKFLOW_NAME_PATTERN)
  .describe('A workflow name: letters, digits, ., _ and -, at most 128');

export const RegisteredWorkflowSchema = z
  .object({ name: z.string(), version: z.int().min(1) })
  .meta({ id: 'RegisteredWorkflow', example: { name: 'order-fulfilment', version: 2 } });

export const WorkflowSummarySchema = z
  .object({
    name: z.string(),
    owner: z.string().describe('The tenant that owns it: the caller, or one that shared it with the caller.'),
    latestVersion: z.int().min(1),
    description: z.string().nullable(),
    updatedAt: timestamp,
    shared: z.boolean().describe('True when another tenant owns it and shared it with the caller (read-only).'),
  })
  .meta({ id: 'WorkflowSummary' });

export const WorkflowListSchema = z
  .object({
    items: z.array(WorkflowSummarySchema).describe('By name, then owner.'),
    nextCursor: NextCursorSchema,
  })
  .meta({ id: 'WorkflowList' });

export const WorkflowVersionSchema = z
  .object({
    name: z.string(),
    version: z.int().min(1),
    owner: z.string(),
    shared: z.boolean(),
    checksum: z.string().describe('Of the canonical definition: an identical definition has the same checksum.'),
    definition: WorkflowDefinitionSchema,
    createdAt: timestamp,
  })
  .meta({ id: 'WorkflowVersion' });

export type WorkflowVersionView = z.infer<typeof WorkflowVersionSchema>;

export const WorkflowDetailSchema = WorkflowVersionSchema.extend({
  versions: z
    .array(z.object({ version: z.int().min(1), checksum: z.string(), createdAt: timestamp }))
    .describe('Every version, oldest first.'),
}).meta({ id: 'WorkflowDetail' });

export type WorkflowDetailView = z.infer<typeof WorkflowDetailSchema>;
