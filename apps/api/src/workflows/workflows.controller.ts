import { Body, Controller, Get, HttpStatus, Param, Post, Query, Res } from '@nestjs/common';
import {
  ApiBody,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiTags,
  ApiTooManyRequestsResponse,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CurrentTenant } from '../auth/current-tenant.decorator';
import { StartRunSchema, WorkflowVersionParamSchema, type StartRunBody } from '../runs/run.schemas';
import { RunsService } from '../runs/runs.service';
import {
  WorkflowListQuerySchema,
  WorkflowOwnerQuerySchema,
  type WorkflowListQuery,
  type WorkflowOwnerQuery,
} from './workflow.schemas';
import { WorkflowsService } from './workflows.service';

const AMBIGUOUS = {
  description:
    'Several tenants shared a workflow of that name with the caller, which owns none: say which with `owner`.',
};
const NOT_FOUND = { description: 'No workflow of that name is visible to the caller (its own or shared with it).' };

@ApiTags('workflows')
@Controller('workflows')
export class WorkflowsController {
  constructor(
    private readonly workflows: WorkflowsService,
    private readonly runs: RunsService,
  ) {}

  @Post()
  @ApiBody({ description: 'A workflow definition (DESIGN §3).', schema: { type: 'object' } })
  @ApiCreatedResponse({ description: "A new version of the caller's tenant's workflow: `{ name, version }`." })
  @ApiOkResponse({ description: 'Identical to the latest version, which is returned.' })
  async register(
    @Body() body: unknown,
    @Res({ passthrough: true }) response: FastifyReply,
    @CurrentTenant() tenant: string,
  ) {
    const registered = await this.workflows.register(body, tenant);
    void response.status(registered.created ? HttpStatus.CREATED : HttpStatus.OK);
    return { name: registered.name, version: registered.version };
  }

  @Get()
  @ApiOkResponse({
    description:
      'A page of the workflows the caller owns or was shared, each with its latest version, by name then owner: `{ items, nextCursor }`.',
  })
  list(@Query({ schema: WorkflowListQuerySchema }) query: WorkflowListQuery, @CurrentTenant() tenant: string) {
    return this.workflows.list(tenant, query);
  }

  @Get(':name')
  @ApiOkResponse({ description: 'The latest version of a workflow and the list of its versions.' })
  @ApiNotFoundResponse(NOT_FOUND)
  @ApiConflictResponse(AMBIGUOUS)
  async latest(
    @Param('name') name: string,
    @Query({ schema: WorkflowOwnerQuerySchema }) query: WorkflowOwnerQuery,
    @CurrentTenant() tenant: string,
  ) {
    const latest = await this.workflows.find({ tenant, name, owner: query.owner });
    const versions = await this.workflows.versions(latest.tenant, name);
    return {
      ...presentDefinition(latest, tenant),
      versions: versions.map((row) => ({ version: row.version, checksum: row.checksum, createdAt: row.createdAt })),
    };
  }

  @Get(':name/versions/:version')
  @ApiOkResponse({ description: 'One version of a workflow.' })
  @ApiNotFoundResponse(NOT_FOUND)
  @ApiConflictResponse(AMBIGUOUS)
  async version(
    @Param('name') name: string,
    @Param('version', { schema: WorkflowVersionParamSchema }) version: number,
    @Query({ schema: WorkflowOwnerQuerySchema }) query: WorkflowOwnerQuery,
    @CurrentTenant() tenant: string,
  ) {
    return presentDefinition(await this.workflows.find({ tenant, name, version, owner: query.owner }), tenant);
  }

  @Post(':name/runs')
  @ApiCreatedResponse({ description: "The run was started, as a run of the caller's tenant: `{ id, status }`." })
  @ApiOkResponse({ description: 'The idempotency key matched an earlier run, which is returned.' })
  @ApiNotFoundResponse(NOT_FOUND)
  @ApiConflictResponse(AMBIGUOUS)
  @ApiTooManyRequestsResponse({
    description: 'The backlog is past API_BACKLOG_LIMIT; retry after the Retry-After header.',
  })
  async start(
    @Param('name') name: string,
    @Body({ schema: StartRunSchema }) body: StartRunBody,
    @Res({ passthrough: true }) response: FastifyReply,
    @CurrentTenant() tenant: string,
  ) {
    const run = await this.runs.start(name, body, tenant);
    void response.status(run.created ? HttpStatus.CREATED : HttpStatus.OK);
    return { id: run.id, status: run.status, workflow: run.workflow, version: run.version };
  }
}

function presentDefinition(
  row: { tenant: string; name: string; version: number; checksum: string; definition: unknown; createdAt: Date },
  caller: string,
) {
  return {
    name: row.name,
    version: row.version,
    owner: row.tenant,
    shared: row.tenant !== caller,
    checksum: row.checksum,
    definition: row.definition,
    createdAt: row.createdAt,
  };
}
