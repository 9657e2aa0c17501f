import { Injectable } from '@nestjs/common';
import { TaskWaitRepository, TransactionRunner, type DueWait, type Settlement } from '@taskloom/persistence';
import { QueueJobs } from '@taskloom/queue';
import { CascadeService } from '../cascade.service';
import { SignalDeliveryService } from './signal-delivery.service';

export interface WakeRound {
  /** Sleeps ended and signal waits timed out. */
  due: number;
  /** Kept signals delivered to tasks that started waiting meanwhile. */
  delivered: number;
  /** Tasks failed for not starting within their queueTimeoutMs. */
  unstarted: number;
}

/**
 * Ends the waits whose time came, in one transaction per batch, through the
 * cascade a finished task goes through (children become ready exactly once):
 * a sleep succeeds with `{sleptUntil}`; a signal wait past its timeout fails
 * (SignalTimeout) and trigger rules decide its dependents; a task still not
 * started past its queueTimeoutMs fails (QueueTimeout), not retried, and its
 * queue job, if it has one, is removed so no executor runs it later. Routers
 * call it on a short poll; SKIP LOCKED shares the work among them.
 */
@Injectable()
export class WaitWakeService {
  constructor(
    private readonly transactions: TransactionRunner,
    private readonly waits: TaskWaitRepository,
    private readonly delivery: SignalDeliveryService,
    private readonly cascade: CascadeService,
    private readonly jobs: QueueJobs,
  ) {}

  async wakeDue(limit: number): Promise<WakeRound> {
    const { round, queued } = await this.transactions.run(async (db) => {
      const due = await this.waits.claimDue(db, limit);
      const woken = await this.waits.settleWaiting(db, due.map(wakeSettlement));
      const delivered = await this.delivery.deliver(db, null, limit);
      const unstarted = await this.waits.claimUnstarted(db, limit);
      const failed = await this.waits.failUnstarted(
        db,
        unstarted.map((task) => ({
          id: task.id,
          status: 'failed' as const,
          error: {
            name: 'QueueTimeout',
            message: `the task did not start within its queueTimeoutMs (${task.queueTimeoutMs} ms)`,
            retryable: false,
          },
        })),
      );
      await this.cascade.propagate(db, [...woken, ...delivered, ...failed]);
      const ended = new Set(failed.map((task) => task.id));
      return {
        round: { due: due.length, delivered: delivered.length, unstarted: unstarted.length },
        queued: unstarted.filter((task) => task.status === 'queued' && task.queue && ended.has(task.id)),
      };
    });
    // After the commit: a job removed before it would be re-enqueued by a reconciler seeing the task queued.
    await this.jobs.remove(queued.map((task) => ({ taskId: task.id, attempt: task.attempt, queue: task.queue! })));
    return round;
  }
}

function wakeSettlement(wait: DueWait): Settlement {
  if (wait.kind === 'sleep') {
    return { id: wait.id, status: 'succeeded', output: { sleptUntil: wait.wakeAt.toISOString() }, error: null };
  }
  return {
    id: wait.id,
    status: 'failed',
    error: {
      name: 'SignalTimeout',
      message: `no signal '${wait.waitSignal}' arrived before ${wait.wakeAt.toISOString()} (waitFor.timeoutMs)`,
      retryable: false,
    },
  };
}
