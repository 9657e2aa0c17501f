import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { CurrentTenant } from '../auth/current-tenant.decorator';
import { PublicOperation } from '../openapi/public-operation';
import { StartedRunSchema } from '../runs/run.schemas';
import {
  BackfillResultSchema,
  BackfillSchema,
  CreateScheduleSchema,
  ReplaceScheduleSchema,
  ScheduleListQuerySchema,
  ScheduleListSchema,
  ScheduleNameParamSchema,
  ScheduleSchema,
  type BackfillBody,
  type CreateScheduleBody,
  type ScheduleListQuery,
  type ScheduleSpecBody,
} from './schedule.schemas';
import { SchedulesService } from './schedules.service';

const NO_SCHEDULE = 'Your tenant has no schedule of that name.';
const BAD_SPEC =
  'Not exactly one of cron and every, a cron expression or time zone that cannot be read, or endAt before startAt.';
const name = { name: ScheduleNameParamSchema };

@Controller('schedules')
export class SchedulesController {
  constructor(private readonly schedules: SchedulesService) {}

  @Post()
  @PublicOperation({
    summary: 'Create a schedule',
    description: 'Starts runs of a workflow of your tenant on a cron expression or an interval, from the routers.',
    tag: 'schedules',
    access: 'submit',
    body: { schema: CreateScheduleSchema, description: 'The schedule.' },
    responses: { 201: { description: 'Created, with its next five fire times.', schema: ScheduleSchema } },
    errors: { 400: BAD_SPEC, 404: 'Your tenant has no such workflow (or version).', 409: 'The name is taken.' },
  })
  create(@Body({ schema: CreateScheduleSchema }) body: CreateScheduleBody, @CurrentTenant() tenant: string) {
    return this.schedules.create(body, tenant);
  }

  @Get()
  @PublicOperation({
    summary: 'List schedules',
    description: 'In name order, paged with an exact cursor.',
    tag: 'schedules',
    access: 'read',
    validatesInput: true,
    responses: { 200: { description: 'A page of schedules.', schema: ScheduleListSchema } },
  })
  list(@Query({ schema: ScheduleListQuerySchema }) query: ScheduleListQuery, @CurrentTenant() tenant: string) {
    return this.schedules.list(query, tenant);
  }

  @Get(':name')
  @PublicOperation({
    summary: 'Get a schedule',
    tag: 'schedules',
    access: 'read',
    params: name,
    responses: { 200: { description: 'The schedule, its next fire times and last runs.', schema: ScheduleSchema } },
    errors: { 404: NO_SCHEDULE },
  })
  get(@Param('name', { schema: ScheduleNameParamSchema }) scheduleName: string, @CurrentTenant() tenant: string) {
    return this.schedules.get(scheduleName, tenant);
  }

  @Put(':name')
  @PublicOperation({
    summary: 'Replace a schedule',
    description: 'Every field anew; fire times count from now.',
    tag: 'schedules',
    access: 'submit',
    params: name,
    body: { schema: ReplaceScheduleSchema, description: 'The schedule, without its name.' },
    responses: { 200: { description: 'Replaced.', schema: ScheduleSchema } },
    errors: { 400: BAD_SPEC, 404: `${NO_SCHEDULE} Or no such workflow.` },
  })
  replace(
    @Param('name', { schema: ScheduleNameParamSchema }) scheduleName: string,
    @Body({ schema: ReplaceScheduleSchema }) body: ScheduleSpecBody,
    @CurrentTenant() tenant: string,
  ) {
    return this.schedules.replace(scheduleName, body, tenant);
  }

  @Delete(':name')
  @HttpCode(204)
  @PublicOperation({
    summary: 'Delete a schedule',
    description: 'Its runs are kept.',
    tag: 'schedules',
    access: 'submit',
    params: name,
    responses: { 204: { description: 'Deleted.' } },
    errors: { 404: NO_SCHEDULE },
  })
  async delete(
    @Param('name', { schema: ScheduleNameParamSchema }) scheduleName: string,
    @CurrentTenant() tenant: string,
  ) {
    await this.schedules.delete(scheduleName, tenant);
  }

  @Post(':name/pause')
  @HttpCode(200)
  @PublicOperation({
    summary: 'Pause a schedule',
    tag: 'schedules',
    access: 'submit',
    params: name,
    responses: { 200: { description: 'Paused: no fire time starts a run until resume.', schema: ScheduleSchema } },
    errors: { 404: NO_SCHEDULE },
  })
  pause(@Param('name', { schema: ScheduleNameParamSchema }) scheduleName: string, @CurrentTenant() tenant: string) {
    return this.schedules.setPaused(scheduleName, tenant, true);
  }

  @Post(':name/resume')
  @HttpCode(200)
  @PublicOperation({
    summary: 'Resume a schedule',
    description: 'Fires from now on; fire times that passed while paused are not caught up.',
    tag: 'schedules',
    access: 'submit',
    params: name,
    responses: { 200: { description: 'Resumed.', schema: ScheduleSchema } },
    errors: { 404: NO_SCHEDULE },
  })
  resume(@Param('name', { schema: ScheduleNameParamSchema }) scheduleName: string, @CurrentTenant() tenant: string) {
    return this.schedules.setPaused(scheduleName, tenant, false);
  }

  @Post(':name/trigger')
  @PublicOperation({
    summary: 'Start one run of a schedule now',
    description: 'Outside its fire times, whatever its overlap policy; also while paused.',
    tag: 'schedules',
    access: 'submit',
    params: name,
    responses: { 201: { description: 'The run was started.', schema: StartedRunSchema } },
    errors: {
      400: "The schedule's input no longer matches its workflow.",
      404: `${NO_SCHEDULE} Or its workflow is gone.`,
    },
  })
  async trigger(
    @Param('name', { schema: ScheduleNameParamSchema }) scheduleName: string,
    @CurrentTenant() tenant: string,
  ) {
    const run = await this.schedules.trigger(scheduleName, tenant);
    return { id: run.id, status: run.status, workflow: run.workflow, version: run.version };
  }

  @Post(':name/backfill')
  @HttpCode(200)
  @PublicOperation({
    summary: 'Start one run per fire time in a window',
    description:
      'Each fire time in [from, to] (inside startAt/endAt) gets its run; one that already has its run keeps it. At most SCHEDULE_BACKFILL_MAX fire times.',
    tag: 'schedules',
    access: 'submit',
    params: name,
    body: { schema: BackfillSchema, description: 'The window.' },
    responses: { 200: { description: 'The runs, one per fire time.', schema: BackfillResultSchema } },
    errors: {
      400: 'to is before from, or the window holds more than SCHEDULE_BACKFILL_MAX fire times.',
      404: `${NO_SCHEDULE} Or its workflow is gone.`,
    },
  })
  backfill(
    @Param('name', { schema: ScheduleNameParamSchema }) scheduleName: string,
    @Body({ schema: BackfillSchema }) body: BackfillBody,
    @CurrentTenant() tenant: string,
  ) {
    return this.schedules.backfill(scheduleName, body, tenant);
  }
}
