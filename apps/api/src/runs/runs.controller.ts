import { Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { RunControlService } from '@taskloom/orchestrator';
import { CancelledRuns } from '@taskloom/queue';
import { CurrentTenant } from '../auth/current-tenant.decorator';
import { PublicOperation, type OperationSpec } from '../openapi/public-operation';
import {
  RunControlResultSchema,
  RunIdParamSchema,
  RunListSchema,
  RunSchema,
  RunSearchSchema,
  TaskKeyParamSchema,
  TaskLogsQuerySchema,
  TaskLogsSchema,
  type RunControlResultView,
  type RunSearchQuery,
  type TaskLogsQuery,
} from './run.schemas';
import { RunsService } from './runs.service';

const NO_RUN = 'No run with that id (runs of other tenants included).';

/** cancel, pause, resume and retry: the same shape, answer and refusals. */
function controlOperation(summary: string, done: string, conflict: string): MethodDecorator {
  const spec: OperationSpec = {
    summary,
    tag: 'runs',
    access: 'submit',
    params: { id: RunIdParamSchema },
    responses: { 200: { description: done, schema: RunControlResultSchema } },
    errors: { 404: NO_RUN, 409: conflict },
  };
  return PublicOperation(spec);
}

@Controller('runs')
export class RunsController {
  constructor(
    private readonly runs: RunsService,
    private readonly control: RunControlService,
    private readonly cancelledRuns: CancelledRuns,
  ) {}

  @Get()
  @PublicOperation({
    summary: 'Search runs',
    description: 'Newest first, paged with an exact cursor: paging never skips or repeats a run.',
    tag: 'runs',
    access: 'read',
    validatesInput: true,
    responses: { 200: { description: 'A page of runs.', schema: RunListSchema } },
  })
  search(@Query({ schema: RunSearchSchema }) query: RunSearchQuery, @CurrentTenant() tenant: string) {
    return this.runs.search(query, tenant);
  }

  @Get(':id')
  @PublicOperation({
    summary: 'Get a run with its tasks',
    tag: 'runs',
    access: 'read',
    params: { id: RunIdParamSchema },
    responses: {
      200: { description: 'The run with its status, input, output, error, timestamps and tasks.', schema: RunSchema },
    },
    errors: { 404: NO_RUN },
  })
  get(@Param('id', new ParseUUIDPipe()) id: string, @CurrentTenant() tenant: string) {
    return this.runs.get(id, tenant);
  }

  @Get(':id/tasks/:key/logs')
  @PublicOperation({
    summary: 'Get the attempts and logs of a task',
    description: 'Each attempt of the task with its log lines (bounded per attempt); `?index=` picks one forEach item.',
    tag: 'runs',
    access: 'read',
    params: { id: RunIdParamSchema, key: TaskKeyParamSchema },
    responses: { 200: { description: 'The attempts, oldest first.', schema: TaskLogsSchema } },
    errors: { 404: NO_RUN },
  })
  logs(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Param('key') key: string,
    @Query({ schema: TaskLogsQuerySchema }) query: TaskLogsQuery,
    @CurrentTenant() tenant: string,
  ) {
    return this.runs.logs(id, key, query.index, tenant);
  }

  @Post(':id/cancel')
  @HttpCode(200)
  @controlOperation(
    'Cancel a run',
    'Cancelled: every task that had not ended is cancelled, sub-workflow runs too.',
    'The run had already ended.',
  )
  async cancel(@Param('id', new ParseUUIDPipe()) id: string, @CurrentTenant() tenant: string) {
    await this.runs.assertVisible(id, tenant);
    const { cancelledRuns, ...result } = await this.control.cancel(id);
    // Before answering: a job of these runs delivered from now on never starts its handler.
    await this.cancelledRuns.announce(cancelledRuns);
    return result as RunControlResultView;
  }

  @Post(':id/pause')
  @HttpCode(200)
  @controlOperation(
    'Pause a run',
    'Paused: running tasks finish, nothing new is dispatched until resume.',
    'The run had already ended.',
  )
  async pause(@Param('id', new ParseUUIDPipe()) id: string, @CurrentTenant() tenant: string) {
    await this.runs.assertVisible(id, tenant);
    return (await this.control.pause(id)) as RunControlResultView;
  }

  @Post(':id/resume')
  @HttpCode(200)
  @controlOperation('Resume a run', 'Resumed: ready tasks are dispatched again.', 'The run had already ended.')
  async resume(@Param('id', new ParseUUIDPipe()) id: string, @CurrentTenant() tenant: string) {
    await this.runs.assertVisible(id, tenant);
    return (await this.control.resume(id)) as RunControlResultView;
  }

  @Post(':id/retry')
  @HttpCode(200)
  @controlOperation(
    'Retry a failed run',
    'The failed, skipped and cancelled tasks of a failed run run again; succeeded outputs are kept.',
    'The run is not failed.',
  )
  async retry(@Param('id', new ParseUUIDPipe()) id: string, @CurrentTenant() tenant: string) {
    await this.runs.assertVisible(id, tenant);
    return (await this.control.retry(id)) as RunControlResultView;
  }
}
