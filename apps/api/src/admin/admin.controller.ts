import { Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { PublicOperation, type OperationSpec } from '../openapi/public-operation';
import { ExecutorListSchema, QueueActionSchema, QueueListSchema, QueueNameSchema, StatsSchema } from './admin.schemas';
import { AdminService } from './admin.service';
import { QueueAdminService } from './queue-admin.service';

/** pause, resume and drain of one queue: the same shape and refusals. */
function queueAction(summary: string, description: string): MethodDecorator {
  const spec: OperationSpec = {
    summary,
    tag: 'admin',
    access: 'operator',
    validatesInput: true,
    responses: { 200: { description, schema: QueueActionSchema } },
    errors: { 404: 'No such queue.' },
  };
  return PublicOperation(spec);
}

/**
 * Queues, executors and cluster-wide counts are shared by every tenant:
 * pausing or draining a queue holds up every tenant's tasks, and stats
 * count every tenant's runs. So all of it is the cluster operator's
 * (ADR 0014); a tenant's admin manages its keys and workflow shares.
 */
@Controller('admin')
export class AdminController {
  constructor(
    private readonly admin: AdminService,
    private readonly queues: QueueAdminService,
  ) {}

  @Get('stats')
  @PublicOperation({
    summary: 'Cluster statistics',
    tag: 'admin',
    access: 'operator',
    responses: {
      200: {
        description:
          'Runs and tasks by status, queue counts per partition and per queue, and live executors with their capacity and load.',
        schema: StatsSchema,
      },
    },
  })
  stats() {
    return this.admin.overview();
  }

  @Get('queues')
  @PublicOperation({
    summary: 'List queues',
    tag: 'admin',
    access: 'operator',
    responses: {
      200: {
        description: 'Every queue (one per partition and published task type) with its job counts.',
        schema: QueueListSchema,
      },
    },
  })
  async listQueues() {
    return { items: await this.queues.list() };
  }

  @Post('queues/:name/pause')
  @HttpCode(200)
  @queueAction(
    'Pause a queue',
    'Paused: executors take no new job from it and routers stop feeding it; running jobs finish. Tasks keep waiting in PostgreSQL.',
  )
  async pause(@Param('name', { schema: QueueNameSchema }) name: string) {
    const view = await this.queues.pause(name);
    return { name, action: 'paused' as const, paused: view.paused, counts: view.counts };
  }

  @Post('queues/:name/resume')
  @HttpCode(200)
  @queueAction('Resume a queue', 'Resumed: executors take its jobs and routers feed it again.')
  async resume(@Param('name', { schema: QueueNameSchema }) name: string) {
    const view = await this.queues.resume(name);
    return { name, action: 'resumed' as const, paused: view.paused, counts: view.counts };
  }

  @Post('queues/:name/drain')
  @HttpCode(200)
  @queueAction(
    'Drain a queue',
    "Removes the queue's waiting and delayed jobs and returns their tasks to 'ready' in PostgreSQL (nothing is lost): " +
      'dispatched again in current priority order, or held while the queue is paused. Running jobs are left alone.',
  )
  async drain(@Param('name', { schema: QueueNameSchema }) name: string) {
    const { view, returnedToReady } = await this.queues.drain(name);
    return { name, action: 'drained' as const, paused: view.paused, returnedToReady, counts: view.counts };
  }

  @Get('executors')
  @PublicOperation({
    summary: 'List live executors',
    tag: 'admin',
    access: 'operator',
    responses: {
      200: {
        description: 'Live executors: their task types, capacity, load and utilisation.',
        schema: ExecutorListSchema,
      },
    },
  })
  async executors() {
    return { items: await this.admin.executors() };
  }
}
