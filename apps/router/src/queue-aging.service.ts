import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { TASKLOOM_CONFIG, type TaskloomConfig } from '@taskloom/config';
import { agedRank, bullPriorityFor, priorityClassOfRank, QueueRegistry, type TaskJobData } from '@taskloom/queue';
import { BackpressureMonitor } from './backpressure.monitor';
import { PeriodicRound } from './periodic-round';

/** Jobs looked at per queue and round, least urgent first: the ones a flood of urgent work holds back. */
const SCAN_PER_QUEUE = 200;
const MIN_ROUND_MS = 50;

/**
 * Ages the jobs already in a queue (ADR 0003). A queue serves by BullMQ
 * priority, so a job that entered it before a flood of more urgent work
 * would wait until the flood ends, however well the router ages what it
 * enqueues next. Twice per PRIORITY_AGING_MS, the least urgent jobs of every
 * queue that holds any are raised to the class their wait since they became
 * ready earns (agedRank): one class per PRIORITY_AGING_MS, FIFO behind the
 * jobs already in that class. So no job waits in a queue for more than
 * 3 × PRIORITY_AGING_MS plus what the critical jobs ahead of it take.
 */
@Injectable()
export class QueueAgingService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(QueueAgingService.name);
  private readonly rounds = new PeriodicRound('ageing queued jobs', () => this.ageOnce(), this.logger);

  constructor(
    @Inject(TASKLOOM_CONFIG) private readonly config: TaskloomConfig,
    private readonly queues: QueueRegistry,
    private readonly backpressure: BackpressureMonitor,
  ) {}

  onApplicationBootstrap(): void {
    this.rounds.start(Math.max(MIN_ROUND_MS, Math.floor(this.config.queue.priorityAgingMs / 2)));
  }

  /** Returns how many jobs were moved up a class or more. */
  async ageOnce(now = Date.now()): Promise<number> {
    let raised = 0;
    for (const name of this.queues.known()) {
      if (!this.backpressure.depthOf(name)) continue;
      const jobs = await this.queues.get(name).getJobs(['prioritized'], 0, SCAN_PER_QUEUE - 1, false);
      for (const job of jobs) {
        const data = job.data as TaskJobData;
        const earned = bullPriorityFor(
          priorityClassOfRank(agedRank(data.priority, now - data.readyAt, this.config.queue.priorityAgingMs)),
        );
        if (earned >= job.priority) continue;
        await job.changePriority({ priority: earned });
        raised += 1;
      }
    }
    if (raised > 0) this.logger.debug(`raised ${raised} queued job(s) to the class their wait earned`);
    return raised;
  }

  async onApplicationShutdown(): Promise<void> {
    await this.rounds.stop();
  }
}
