import { Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiParam, ApiTags } from '@nestjs/swagger';
import { RequireScope } from '../auth/require-scope.decorator';
import { ExecutorListSchema, QueueActionSchema, QueueListSchema, QueueNameSchema, StatsSchema } from './admin.schemas';
import { AdminService } from './admin.service';
import { QueueAdminService } from './queue-admin.service';

const QUEUE_PARAM = {
  name: 'name',
  description: 'A queue name from GET /admin/queues.',
  example: 'tasks-{0001}-core.noop',
};

/**
 * Queues, executors and cluster-wide counts are shared by every tenant:
 * pausing or draining a queue holds up every tenant's tasks, and stats
 * count every tenant's runs. So all of it is the cluster operator's
 * (ADR 0014); a tenant's admin manages its keys and workflow shares.
 */
@ApiTags('admin')
@RequireScope('operator')
@Controller('admin')
export class AdminController {
  constructor(
    private readonly admin: AdminService,
    private readonly queues: QueueAdminService,
  ) {}

  @Get('stats')
  @ApiOkResponse({
    description:
      'Runs and tasks by status, queue counts per partition and per queue, and live executors with their capacity and load.',
    standardSchema: StatsSchema,
  })
  stats() {
    return this.admin.overview();
  }

  @Get('queues')
  @ApiOkResponse({
    description: 'Every queue (one per partition and published task type) with its job counts.',
    standardSchema: QueueListSchema,
  })
  async listQueues() {
    return { items: await this.queues.list() };
  }

  @Post('queues/:name/pause')
  @HttpCode(200)
  @ApiParam(QUEUE_PARAM)
  @ApiOkResponse({
    description:
      'Paused: executors take no new job from it and routers stop feeding it; running jobs finish. Tasks keep waiting in PostgreSQL.',
    standardSchema: QueueActionSchema,
  })
  @ApiNotFoundResponse({ description: 'No such queue.' })
  async pause(@Param('name', { schema: QueueNameSchema }) name: string) {
    const view = await this.queues.pause(name);
    return { name, action: 'paused' as const, paused: view.paused, counts: view.counts };
  }

  @Post('queues/:name/resume')
  @HttpCode(200)
  @ApiParam(QUEUE_PARAM)
  @ApiOkResponse({
    description: 'Resumed: executors take its jobs and routers feed it again.',
    standardSchema: QueueActionSchema,
  })
  @ApiNotFoundResponse({ description: 'No such queue.' })
  async resume(@Param('name', { schema: QueueNameSchema }) name: string) {
    const view = await this.queues.resume(name);
    return { name, action: 'resumed' as const, paused: view.paused, counts: view.counts };
  }

  @Post('queues/:name/drain')
  @HttpCode(200)
  @ApiParam(QUEUE_PARAM)
  @ApiOkResponse({
    description:
      "Removes the queue's waiting and delayed jobs and returns their tasks to 'ready' in PostgreSQL (nothing is lost): " +
      'dispatched again in current priority order, or held while the queue is paused. Running jobs are left alone.',
    standardSchema: QueueActionSchema,
  })
  @ApiNotFoundResponse({ description: 'No such queue.' })
  async drain(@Param('name', { schema: QueueNameSchema }) name: string) {
    const { view, returnedToReady } = await this.queues.drain(name);
    return { name, action: 'drained' as const, paused: view.paused, returnedToReady, counts: view.counts };
  }

  @Get('executors')
  @ApiOkResponse({
    description: 'Live executors: their task types, capacity, load and utilisation.',
    standardSchema: ExecutorListSchema,
  })
  async executors() {
    return { items: await this.admin.executors() };
  }
}
