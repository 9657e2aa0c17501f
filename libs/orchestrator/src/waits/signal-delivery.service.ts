import { Injectable } from '@nestjs/common';
import { SignalRepository, TaskWaitRepository, type Db, type SettledTask } from '@taskloom/persistence';

/**
 * Hands kept signals to the tasks now waiting for them, inside the caller's
 * transaction: the api right after recording a signal, activation right
 * after a task starts waiting, and the routers' wait loop for whatever a
 * race between those two left (each saw the other's row uncommitted).
 * Returns the tasks it ended, for the caller's cascade.
 */
@Injectable()
export class SignalDeliveryService {
  constructor(
    private readonly signals: SignalRepository,
    private readonly waits: TaskWaitRepository,
  ) {}

  async deliver(db: Db, runIds: readonly string[] | null, limit: number): Promise<SettledTask[]> {
    return (await this.deliverPairs(db, runIds, limit)).settled;
  }

  /** deliver(), also saying which task each delivered signal (by row id) went to. */
  async deliverPairs(
    db: Db,
    runIds: readonly string[] | null,
    limit: number,
  ): Promise<{ settled: SettledTask[]; deliveredTo: Map<string, string> }> {
    const pairs = await this.signals.pairWithWaiting(db, runIds, limit);
    if (pairs.length === 0) return { settled: [], deliveredTo: new Map() };
    const settled = await this.waits.settleWaiting(
      db,
      pairs.map((pair) => ({ id: pair.taskId, status: 'succeeded' as const, output: pair.payload, error: null })),
    );
    const ended = new Set(settled.map((task) => task.id));
    const delivered = pairs.filter((pair) => ended.has(pair.taskId));
    await this.signals.markDelivered(db, delivered);
    return { settled, deliveredTo: new Map(delivered.map((pair) => [pair.signalRowId, pair.taskId])) };
  }
}
