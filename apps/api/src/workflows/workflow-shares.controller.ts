import { Controller, Delete, Get, HttpCode, HttpStatus, Param, Put, Res } from '@nestjs/common';
import {
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CurrentTenant } from '../auth/current-tenant.decorator';
import { RequireScope } from '../auth/require-scope.decorator';
import { ShareTenantParamSchema, WorkflowShareListSchema, WorkflowShareSchema } from './workflow.schemas';
import { WorkflowSharesService } from './workflow-shares.service';

const NOT_OWNED = {
  description: 'The caller sees the workflow only because it was shared with it: only the owner manages shares.',
};
const NOT_FOUND = { description: 'The caller has no workflow of that name (nor was one shared with it).' };

@ApiTags('workflows')
@Controller('workflows/:name/shares')
export class WorkflowSharesController {
  constructor(private readonly shares: WorkflowSharesService) {}

  @Get()
  @ApiOkResponse({ description: 'The tenants this workflow is shared with.', standardSchema: WorkflowShareListSchema })
  @ApiForbiddenResponse(NOT_OWNED)
  @ApiNotFoundResponse(NOT_FOUND)
  list(@Param('name') name: string, @CurrentTenant() tenant: string) {
    return this.shares.list(name, tenant);
  }

  @Put(':tenant')
  @RequireScope('admin')
  @ApiCreatedResponse({
    description: 'Shared: the tenant can read every version and start runs of it (as its own runs), read-only.',
    standardSchema: WorkflowShareSchema,
  })
  @ApiOkResponse({ description: 'It was already shared with that tenant.', standardSchema: WorkflowShareSchema })
  @ApiForbiddenResponse(NOT_OWNED)
  @ApiNotFoundResponse(NOT_FOUND)
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
  @RequireScope('admin')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiNoContentResponse({
    description:
      'No longer shared: the tenant cannot read it or start runs of it; runs it already started run to their end.',
  })
  @ApiForbiddenResponse(NOT_OWNED)
  @ApiNotFoundResponse({ description: 'No such workflow, or it was not shared with that tenant.' })
  async unshare(
    @Param('name') name: string,
    @Param('tenant', { schema: ShareTenantParamSchema }) grantee: string,
    @CurrentTenant() tenant: string,
  ): Promise<void> {
    await this.shares.unshare(name, tenant, grantee);
  }
}
