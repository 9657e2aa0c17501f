import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { FastifyAdapter } from '@bull-board/fastify';
import { Injectable } from '@nestjs/common';
import { TaskTypeRepository } from '@taskloom/persistence';
import { QueueRegistry, TaskRouting } from '@taskloom/queue';
import type { FastifyPluginCallback } from 'fastify';

/** Where the dashboard is served: outside /api/v1, whose /admin/queues is the JSON queue API. */
export const QUEUE_DASHBOARD_PATH = '/admin/queues';

const FRESH_FOR_MS = 5_000;

/**
 * bull-board over every task queue: the pool of each task type executors
 * published, on each partition. Types appear as executors start, so the list is re-read
 * when someone opens the dashboard, at most every few seconds.
 */
@Injectable()
export class QueueDashboard {
  private readonly adapter = new FastifyAdapter().setBasePath(QUEUE_DASHBOARD_PATH);
  private readonly board = createBullBoard({
    queues: [],
    serverAdapter: this.adapter,
    options: { uiConfig: { boardTitle: 'Taskloom queues' } },
  });
  private shown = '';
  private refreshedAt = 0;

  constructor(
    private readonly types: TaskTypeRepository,
    private readonly routing: TaskRouting,
    private readonly registry: QueueRegistry,
  ) {}

  plugin(): FastifyPluginCallback {
    return this.adapter.registerPlugin();
  }

  async refresh(): Promise<void> {
    if (Date.now() - this.refreshedAt < FRESH_FOR_MS) return;
    this.refreshedAt = Date.now();
    const names = this.routing.queuesOfTypes((await this.types.list()).map((type) => type.type));
    const listed = names.join('\n');
    if (listed === this.shown) return;
    this.board.replaceQueues(names.map((name) => new BullMQAdapter(this.registry.get(name))));
    this.shown = listed;
  }
}
