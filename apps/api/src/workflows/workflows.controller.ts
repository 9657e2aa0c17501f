import { Body, Controller, Get, HttpStatus, Param, Post, Res } from '@nestjs/common';
import { ApiBody, ApiCreatedResponse, ApiOkResponse, ApiTags, ApiTooManyRequestsResponse } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CurrentTenant } from '../auth/current-tenant.decorator';
import { StartRunSchema, WorkflowVersionParamSchema, type StartRunBody } from '../runs/run.schemas';
import { RunsService } from '../runs/runs.service';
import { WorkflowsService } from './workflows.service';

@ApiTags('workflows')
@Controller('workflows')
export class WorkflowsController {
  constructor(
    private readonly workflows: WorkflowsService,
    private readonly runs: RunsService,
  ) {}

  @Post()
  @ApiBody({ description: 'A workflow definition (DESIGN §3).', schema: { type: 'object' } })
  @ApiCreatedResponse({ description: 'A new version was registered: `{ name, version }`.' })
  @ApiOkResponse({ description: 'Identical to the latest version, which is returned.' })
  async register(@Body() body: unknown, @Res({ passthrough: true }) response: FastifyReply) {
    const registered = await this.workflows.register(body);
    void response.status(registered.created ? HttpStatus.CREATED : HttpStatus.OK);
    return { name: registered.name, version: registered.version };
  }

  @Get()
  @ApiOkResponse({ description: 'Every workflow with its latest version.' })
  async list() {
    return { items: await this.workflows.list() };
  }

  @Get(':name')
  @ApiOkResponse({ description: 'The latest version of a workflow and the list of its versions.' })
  async latest(@Param('name') name: string) {
    const latest = await this.workflows.latest(name);
    const versions = await this.workflows.versions(name);
    return {
      name: latest.name,
      version: latest.version,
      checksum: latest.checksum,
      definition: latest.definition,
      createdAt: latest.createdAt,
      versions: versions.map((row) => ({ version: row.version, checksum: row.checksum, createdAt: row.createdAt })),
    };
  }

  @Get(':name/versions/:version')
  @ApiOkResponse({ description: 'One version of a workflow.' })
  async version(
    @Param('name') name: string,
    @Param('version', { schema: WorkflowVersionParamSchema }) version: number,
  ) {
    const row = await this.workflows.version(name, version);
    return {
      name: row.name,
      version: row.version,
      checksum: row.checksum,
      definition: row.definition,
      createdAt: row.createdAt,
    };
  }

  @Post(':name/runs')
  @ApiCreatedResponse({ description: 'The run was started: `{ id, status }`.' })
  @ApiOkResponse({ description: 'The idempotency key matched an earlier run, which is returned.' })
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
