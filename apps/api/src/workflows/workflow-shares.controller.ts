import { Controller, Delete, Get, HttpCode, HttpStatus, Param, Put, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { CurrentTenant } from '../auth/current-tenant.decorator';
import { PublicOperation } from '../openapi/public-operation';
import {
  ShareTenantParamSchema,
  WorkflowNameParamSchema,
  WorkflowShareListSchema,
  WorkflowShareSchema,
} from './workflow.schemas';
import { WorkflowSharesService } from './workflow-shares.service';

const NOT_OWNED = 'The caller sees the workflow only because it was shared with it: only the owner manages shares.';
const NOT_FOUND = 'The caller has no workflow of that name (nor was one shared with it).';

@Controller('workflows/:name/shares')
export class WorkflowSharesController {
  constructor(private readonly shares: WorkflowSharesService) {}

  @Get()
  @PublicOperation({
    summary: 'List the tenants a workflow is shared with',
    tag: 'workflows',
    access: 'read',
    params: { name: WorkflowNameParamSchema },
    responses: { 200: { description: 'The tenants this workflow is shared with.', schema: WorkflowShareListSchema } },
    errors: { 403: NOT_OWNED, 404: NOT_FOUND },
  })
  list(@Param('name') name: string, @CurrentTenant() tenant: string) {
    return this.shares.list(name, tenant);
  }

  @Put(':tenant')
  @PublicOperation({
    summary: 'Share a workflow with another tenant',
    tag: 'workflows',
    access: 'admin',
    params: { name: WorkflowNameParamSchema },
    responses: {
      201: {
        description: 'Shared: the tenant can read every version and start runs of it (as its own runs), read-only.',
        schema: WorkflowShareSchema,
      },
      200: { description: 'It was already shared with that tenant.', schema: WorkflowShareSchema },
    },
    errors: { 400: "The tenant is the caller's own.", 403: NOT_OWNED, 404: NOT_FOUND },
  })
  async share(
    @Param('name') name: string,
    @Param('tenant', { schema: ShareTenantParamSchema }) grantee: string,
    @CurrentTenant() tenant: string,
    @Res({ passthrough: true }) response: FastifyReply,
  ) {
    const { share, created } = await this.shares.share(name, tenant, grantee);
    void response.status(created ? HttpStatus.CREATED : HttpStatus.OK);
    return share;
  }

  @Delete(':tenant')
  @HttpCode(HttpStatus.NO_CONTENT)
  @PublicOperation({
    summary: 'Stop sharing a workflow with a tenant',
    tag: 'workflows',
    access: 'admin',
    params: { name: WorkflowNameParamSchema },
    responses: {
      204: {
        description:
          'No longer shared: the tenant cannot read it or start runs of it; runs it already started run to their end.',
      },
    },
    errors: { 403: NOT_OWNED, 404: 'No such workflow, or it was not shared with that tenant.' },
  })
  async unshare(
    @Param('name') name: string,
    @Param('tenant', { schema: ShareTenantParamSchema }) grantee: string,
    @CurrentTenant() tenant: string,
  ): Promise<void> {
    await this.shares.unshare(name, tenant, grantee);
  }
}
