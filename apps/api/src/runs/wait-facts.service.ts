import { Inject, Injectable } from '@nestjs/common';
import { TASKLOOM_CONFIG, type TaskloomConfig } from '@taskloom/config';
import { FlowControlRepository, RunAdmissionRepository, type RunRow, type TaskRow } from '@taskloom/persistence';
import { QueueRegistry } from '@taskloom/queue';
import type { WaitFacts } from './waiting-on';

const WAITING_STATUSES = new Set(['ready', 'queued']);

/**
 * Gathers what a run's waiting tasks can be waiting for, in a few reads
 * bounded by the run's distinct keys, types and queues (not its task
 * count): slots held, rate-limit windows, live executors, its queues' pause
 * and depth, and its tenant's place in the claim's fair share.
 */
@Injectable()
export class WaitFactsService {
  constructor(
    @Inject(TASKLOOM_CONFIG) private readonly config: TaskloomConfig,
    private readonly flow: FlowControlRepository,
    private readonly runKeys: RunAdmissionRepository,
    private readonly queues: QueueRegistry,
  ) {}

  async of(
    run: Pick<RunRow, 'status' | 'tenant' | 'startAt' | 'concurrencyKey' | 'concurrencyLimit'>,
    tasks: readonly TaskRow[],
  ): Promise<WaitFacts> {
    const waiting = tasks.filter((task) => WAITING_STATUSES.has(task.status));
    const keys = distinct(waiting.map((task) => task.concurrencyKey));
    const types = distinct(waiting.map((task) => task.type));
    const queueNames = distinct(waiting.map((task) => task.queue));
    const ready = waiting.filter((task) => task.status === 'ready');
    const buckets = distinct(ready.map((task) => task.rateKey));
    const plain = ready.some((task) => task.concurrencyKey === null && task.rateKey === null);
    const batchSize = this.config.router.batchSize;
    const runKey = run.status === 'queued' && run.concurrencyKey !== null ? run.concurrencyKey : undefined;
    const [held, servedTypes, queues, rateWindows, tenantTurn, runHeld] = await Promise.all([
      this.flow.heldSlots(keys),
      this.flow.servedTypes(types, this.config.router.executorLostAfterMs),
      Promise.all(queueNames.map((name) => this.queueState(name))),
      this.flow.rateWindows(buckets),
      plain ? this.flow.tenantTurn(run.tenant, batchSize) : undefined,
      runKey === undefined ? [] : this.runKeys.holders([runKey]),
    ]);
    const highWater = this.config.router.highWater;
    return {
      now: new Date(),
      runStatus: run.status,
      tenant: run.tenant,
      batchSize,
      rateWindows,
      ...(tenantTurn && { tenantTurn }),
      runStartAt: run.startAt,
      ...(runKey !== undefined && {
        runConcurrency: { key: runKey, held: runHeld[0]?.held ?? 0, limit: run.concurrencyLimit ?? 1 },
      }),
      held,
      servedTypes,
      pausedQueues: new Set(queues.filter((queue) => queue.paused).map((queue) => queue.name)),
      saturatedQueues: new Map(
        queues.filter((queue) => queue.depth >= highWater).map((queue) => [queue.name, queue.depth]),
      ),
      highWater,
    };
  }

  private async queueState(name: string): Promise<{ name: string; paused: boolean; depth: number }> {
    const queue = this.queues.get(name);
    const [paused, counts] = await Promise.all([queue.isPaused(), queue.getJobCounts('wait', 'prioritized', 'active')]);
    return { name, paused, depth: Object.values(counts).reduce((sum, count) => sum + count, 0) };
  }
}

function distinct(values: readonly (string | null)[]): string[] {
  return [...new Set(values.filter((value): value is string => value !== null))];
}
