import { Body, Controller, Get, HttpCode, HttpStatus, Param, Post, Query, Res } from '@nestjs/common';
import { WorkflowDefinitionSchema } from '@taskloom/engine';
import type { FastifyReply } from 'fastify';
import { CurrentTenant } from '../auth/current-tenant.decorator';
import { PublicOperation } from '../openapi/public-operation';
import { StartedRunSchema, StartRunSchema, WorkflowVersionParamSchema, type StartRunBody } from '../runs/run.schemas';
import { RunBatchResultSchema, StartRunBatchSchema } from '../runs/run-batch.schemas';
import { RunBatchService } from '../runs/run-batch.service';
import { RunsService } from '../runs/runs.service';
import {
  RegisteredWorkflowSchema,
  WorkflowDetailSchema,
  WorkflowListQuerySchema,
  WorkflowListSchema,
  WorkflowNameParamSchema,
  WorkflowOwnerQuerySchema,
  WorkflowVersionSchema,
  type WorkflowDetailView,
  type WorkflowListQuery,
  type WorkflowOwnerQuery,
  type WorkflowVersionView,
} from './workflow.schemas';
import { WorkflowsService } from './workflows.service';

const AMBIGUOUS =
  'Several tenants shared a workflow of that name with the caller, which owns none: say which with `owner`.';
const NOT_FOUND = 'No workflow of that name is visible to the caller (its own or shared with it).';

@Controller('workflows')
export class WorkflowsController {
  constructor(
    private readonly workflows: WorkflowsService,
    private readonly runs: RunsService,
    private readonly batches: RunBatchService,
  ) {}

  @Post()
  @PublicOperation({
    summary: 'Register a workflow definition',
    description:
      "Versioned and immutable: a changed definition becomes the next version of the caller's tenant's workflow; " +
      'an identical one answers the latest version. The body is checked against this schema, then as a DAG ' +
      '(unknown or cyclic dependencies, template references, task types and their inputs).',
    tag: 'workflows',
    access: 'submit',
    body: { schema: WorkflowDefinitionSchema, description: 'A workflow definition.' },
    responses: {
      201: { description: "A new version of the caller's tenant's workflow.", schema: RegisteredWorkflowSchema },
      200: { description: 'Identical to the latest version, which is returned.', schema: RegisteredWorkflowSchema },
    },
    errors: {
      400: 'The definition is invalid (`error` is InvalidDefinition; `details` lists every issue with its path).',
    },
  })
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
  @PublicOperation({
    summary: 'List workflows',
    description: 'The workflows the caller owns or was shared, each with its latest version, by name then owner.',
    tag: 'workflows',
    access: 'read',
    validatesInput: true,
    responses: { 200: { description: 'A page of workflows.', schema: WorkflowListSchema } },
  })
  list(@Query({ schema: WorkflowListQuerySchema }) query: WorkflowListQuery, @CurrentTenant() tenant: string) {
    return this.workflows.list(tenant, query);
  }

  @Get(':name')
  @PublicOperation({
    summary: 'Get the latest version of a workflow',
    tag: 'workflows',
    access: 'read',
    params: { name: WorkflowNameParamSchema },
    responses: {
      200: { description: 'The latest version and the list of its versions.', schema: WorkflowDetailSchema },
    },
    errors: { 404: NOT_FOUND, 409: AMBIGUOUS },
  })
  async latest(
    @Param('name') name: string,
    @Query({ schema: WorkflowOwnerQuerySchema }) query: WorkflowOwnerQuery,
    @CurrentTenant() tenant: string,
  ): Promise<WorkflowDetailView> {
    const latest = await this.workflows.find({ tenant, name, owner: query.owner });
    const versions = await this.workflows.versions(latest.tenant, name);
    return {
      ...presentDefinition(latest, tenant),
      versions: versions.map((row) => ({
        version: row.version,
        checksum: row.checksum,
        createdAt: row.createdAt.toISOString(),
      })),
    };
  }

  @Get(':name/versions/:version')
  @PublicOperation({
    summary: 'Get one version of a workflow',
    tag: 'workflows',
    access: 'read',
    params: { name: WorkflowNameParamSchema },
    responses: { 200: { description: 'That version.', schema: WorkflowVersionSchema } },
    errors: { 404: `${NOT_FOUND} Or it has no such version.`, 409: AMBIGUOUS },
  })
  async version(
    @Param('name') name: string,
    @Param('version', { schema: WorkflowVersionParamSchema }) version: number,
    @Query({ schema: WorkflowOwnerQuerySchema }) query: WorkflowOwnerQuery,
    @CurrentTenant() tenant: string,
  ): Promise<WorkflowVersionView> {
    return presentDefinition(await this.workflows.find({ tenant, name, version, owner: query.owner }), tenant);
  }

  @Post(':name/runs')
  @PublicOperation({
    summary: 'Start a run',
    description: "The run belongs to the caller's tenant. The same `idempotencyKey` starts the same run once.",
    tag: 'runs',
    access: 'submit',
    params: { name: WorkflowNameParamSchema },
    body: { schema: StartRunSchema, description: 'The run input and options.' },
    responses: {
      201: { description: 'The run was started.', schema: StartedRunSchema },
      200: { description: 'The idempotency key matched an earlier run, which is returned.', schema: StartedRunSchema },
    },
    errors: {
      400: 'The input does not match the workflow inputSchema, or the run cannot be stored.',
      404: NOT_FOUND,
      409: AMBIGUOUS,
      429: 'The backlog of waiting tasks is past API_BACKLOG_LIMIT: nothing was started.',
    },
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

  @Post(':name/runs::batch')
  @HttpCode(200)
  @PublicOperation({
    summary: 'Start many runs',
    description:
      'Starts up to API_RUN_BATCH_MAX runs of the workflow in one request, written together, and answers each item ' +
      'in order: `created`, `existing` (its idempotency key matched an earlier run, or an earlier item of the ' +
      'batch) or `rejected` with the error its own `POST /workflows/{name}/runs` would have answered. A rejected ' +
      'item does not stop the others. The path ends in `runs:batch`, a literal colon.',
    tag: 'runs',
    access: 'submit',
    params: { name: WorkflowNameParamSchema },
    body: { schema: StartRunBatchSchema, description: 'The runs, each shaped as a single start.' },
    responses: { 200: { description: 'One result per item, in order.', schema: RunBatchResultSchema } },
    errors: {
      404: NOT_FOUND,
      413: 'More items than API_RUN_BATCH_MAX: nothing was started.',
      429: 'The backlog of waiting tasks is past API_BACKLOG_LIMIT: nothing was started.',
    },
  })
  startBatch(
    @Param('name') name: string,
    // Checked in the service: a schema here would become the documented body in place of StartRunBatchSchema.
    @Body() body: unknown,
    @CurrentTenant() tenant: string,
  ) {
    return this.batches.start(name, body, tenant);
  }
}

function presentDefinition(
  row: { tenant: string; name: string; version: number; checksum: string; definition: unknown; createdAt: Date },
  caller: string,
): WorkflowVersionView {
  return {
    name: row.name,
    version: row.version,
    owner: row.tenant,
    shared: row.tenant !== caller,
    checksum: row.checksum,
    // Stored only after WorkflowDefinitionSchema accepted it.
    definition: row.definition as WorkflowVersionView['definition'],
    createdAt: row.createdAt.toISOString(),
  };
}
