import { Controller, Get, Param, ParseUUIDPipe, Query } from '@nestjs/common';
import { CurrentTenant } from '../auth/current-tenant.decorator';
import { PublicOperation } from '../openapi/public-operation';
import { RunIdParamSchema } from './run.schemas';
import { AttemptBarsSchema, ChildRunsSchema, RunViewQuerySchema, type RunViewQuery } from './run-views.schemas';
import { RunViewsService } from './run-views.service';

const NO_RUN = 'No run with that id (runs of other tenants included).';

/** What a run page shows besides the run: the runs its sub-workflow tasks started, and its attempts over time. */
@Controller('runs')
export class RunViewsController {
  constructor(private readonly views: RunViewsService) {}

  @Get(':id/children')
  @PublicOperation({
    summary: "List a run's child runs",
    description:
      'The sub-workflow runs this run started, oldest first, each with the task (and forEach item) that started it.',
    tag: 'runs',
    access: 'read',
    validatesInput: true,
    params: { id: RunIdParamSchema },
    responses: { 200: { description: 'The child runs, at most `limit`.', schema: ChildRunsSchema } },
    errors: { 404: NO_RUN },
  })
  children(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Query({ schema: RunViewQuerySchema }) query: RunViewQuery,
    @CurrentTenant() tenant: string,
  ) {
    return this.views.children(id, query.limit, tenant);
  }

  @Get(':id/attempts')
  @PublicOperation({
    summary: "List a run's attempts",
    description:
      "Every finished attempt of the run's top-level tasks (forEach items left out), in start order, without log lines.",
    tag: 'runs',
    access: 'read',
    validatesInput: true,
    params: { id: RunIdParamSchema },
    responses: { 200: { description: 'The attempts, at most `limit`.', schema: AttemptBarsSchema } },
    errors: { 404: NO_RUN },
  })
  attempts(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Query({ schema: RunViewQuerySchema }) query: RunViewQuery,
    @CurrentTenant() tenant: string,
  ) {
    return this.views.attempts(id, query.limit, tenant);
  }
}
