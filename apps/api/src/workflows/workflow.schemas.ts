import { WORKFLOW_NAME_PATTERN } from '@taskloom/engine';
import type { WorkflowSummary } from '@taskloom/persistence';
import { z } from 'zod';
import { TENANT_PATTERN, TenantSchema } from '../auth/tenant';
import { encodeCursor } from '../common/page-cursor';

export const WorkflowListQuerySchema = z
  .object({
    limit: z.coerce.number().int().min(1).max(500).default(100),
    cursor: z.string().optional().describe('nextCursor of the previous page'),
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
