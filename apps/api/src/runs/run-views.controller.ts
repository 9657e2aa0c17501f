import { Controller, Get, Param, ParseUUIDPipe, Query } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentTenant } from '../auth/current-tenant.decorator';
import { RunViewQuerySchema, type RunViewQuery } from './run-views.schemas';
import { RunViewsService } from './run-views.service';

/** What a run page shows besides the run: the runs its sub-workflow tasks started, and its attempts over time. */
@ApiTags('runs')
@Controller('runs')
export class RunViewsController {
  constructor(private readonly views: RunViewsService) {}

  @Get(':id/children')
  @ApiOkResponse({
    description:
      'The sub-workflow runs this run started, oldest first, each with the task (and forEach item index) that started it: `{ items, truncated }`.',
  })
  @ApiNotFoundResponse({ description: 'No run with that id.' })
  children(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Query({ schema: RunViewQuerySchema }) query: RunViewQuery,
    @CurrentTenant() tenant: string,
  ) {
    return this.views.children(id, query.limit, tenant);
  }

  @Get(':id/attempts')
  @ApiOkResponse({
    description:
      'Every finished attempt of the run’s top-level tasks (forEach items left out), in start order, without log lines: `{ items, truncated }`.',
  })
  @ApiNotFoundResponse({ description: 'No run with that id.' })
  attempts(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Query({ schema: RunViewQuerySchema }) query: RunViewQuery,
    @CurrentTenant() tenant: string,
  ) {
    return this.views.attempts(id, query.limit, tenant);
  }
}
