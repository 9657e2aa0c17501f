import { Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiConflictResponse, ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { RunControlService } from '@taskloom/orchestrator';
import { CancelledRuns } from '@taskloom/queue';
import { CurrentTenant } from '../auth/current-tenant.decorator';
import { RunSearchSchema, TaskLogsQuerySchema, type RunSearchQuery, type TaskLogsQuery } from './run.schemas';
import { RunsService } from './runs.service';

@ApiTags('runs')
@Controller('runs')
export class RunsController {
  constructor(
    private readonly runs: RunsService,
    private readonly control: RunControlService,
    private readonly cancelledRuns: CancelledRuns,
  ) {}

  @Get()
  @ApiOkResponse({ description: 'A page of runs, newest first: `{ items, nextCursor }`.' })
  search(@Query({ schema: RunSearchSchema }) query: RunSearchQuery, @CurrentTenant() tenant: string) {
    return this.runs.search(query, tenant);
  }

  @Get(':id')
  @ApiOkResponse({ description: 'The run with its status, input, output, error, timestamps and tasks.' })
  @ApiNotFoundResponse({ description: 'No run with that id.' })
  get(@Param('id', new ParseUUIDPipe()) id: string, @CurrentTenant() tenant: string) {
    return this.runs.get(id, tenant);
  }

  @Get(':id/tasks/:key/logs')
  @ApiOkResponse({
    description: 'Each attempt of the task with its log lines (bounded per attempt); ?index= picks one forEach item.',
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
  @ApiOkResponse({ description: 'Cancelled: every task that had not ended is cancelled, sub-workflow runs too.' })
  @ApiConflictResponse({ description: 'The run had already ended.' })
  async cancel(@Param('id', new ParseUUIDPipe()) id: string, @CurrentTenant() tenant: string) {
    await this.runs.assertVisible(id, tenant);
    const { cancelledRuns, ...result } = await this.control.cancel(id);
    // Before answering: a job of these runs delivered from now on never starts its handler.
    await this.cancelledRuns.announce(cancelledRuns);
    return result;
  }

  @Post(':id/pause')
  @HttpCode(200)
  @ApiOkResponse({ description: 'Paused: running tasks finish, nothing new is dispatched until resume.' })
  @ApiConflictResponse({ description: 'The run had already ended.' })
  async pause(@Param('id', new ParseUUIDPipe()) id: string, @CurrentTenant() tenant: string) {
    await this.runs.assertVisible(id, tenant);
    return this.control.pause(id);
  }

  @Post(':id/resume')
  @HttpCode(200)
  @ApiOkResponse({ description: 'Resumed: ready tasks are dispatched again.' })
  @ApiConflictResponse({ description: 'The run had already ended.' })
  async resume(@Param('id', new ParseUUIDPipe()) id: string, @CurrentTenant() tenant: string) {
    await this.runs.assertVisible(id, tenant);
    return this.control.resume(id);
  }

  @Post(':id/retry')
  @HttpCode(200)
  @ApiOkResponse({
    description: 'The failed, skipped and cancelled tasks of a failed run run again; succeeded outputs are kept.',
  })
  @ApiConflictResponse({ description: 'The run is not failed.' })
  async retry(@Param('id', new ParseUUIDPipe()) id: string, @CurrentTenant() tenant: string) {
    await this.runs.assertVisible(id, tenant);
    return this.control.retry(id);
  }
}
