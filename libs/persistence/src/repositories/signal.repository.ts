import { Injectable } from '@nestjs/common';
import { execute, jsonOrJsonNull, queryRows, type Db } from '../sql';

export interface NewSignal {
  id: string;
  runId: string;
  name: string;
  signalId: string | null;
  payload: unknown;
}

/** A signal as it was recorded: by this call, or by an earlier one with the same signalId. */
export interface RecordedSignal {
  id: string;
  /** False: an earlier signal with the same signalId was recorded; this one changed nothing. */
  created: boolean;
  /** The task it was delivered to; null while it is kept for a task that does not wait yet. */
  taskId: string | null;
}

/** A kept signal, locked for delivery, and the waiting task it goes to. */
export interface SignalDelivery {
  signalRowId: string;
  taskId: string;
  payload: unknown;
}

/**
 * Signals sent to runs. A signal is delivered to one task: the one waiting
 * for its name the longest; one sent while no task waits for it is kept and
 * goes to the next task that does. Deliveries lock the signal and the task
 * with SKIP LOCKED, so concurrent deliverers (the api, routers) never hand
 * one signal to two tasks nor wait for each other.
 */
@Injectable()
export class SignalRepository {
  /**
   * record — inputs: a new signal. A signal whose signalId the run already
   * received is not recorded again. Outputs: the signal that stands for it.
   */
  async record(db: Db, signal: NewSignal): Promise<RecordedSignal> {
    const inserted = await queryRows<{ id: string }>(
      db,
      `INSERT INTO signals (id, run_id, name, signal_id, payload) VALUES ($1, $2, $3, $4, $5::jsonb)
       ON CONFLICT (run_id, signal_id) WHERE signal_id IS NOT NULL DO NOTHING
       RETURNING id`,
      [signal.id, signal.runId, signal.name, signal.signalId, jsonOrJsonNull(signal.payload)],
    );
    if (inserted.length > 0) return { id: signal.id, created: true, taskId: null };
    const [earlier] = await queryRows<{ id: string; task_id: string | null }>(
      db,
      'SELECT id, task_id FROM signals WHERE run_id = $1 AND signal_id = $2',
      [signal.runId, signal.signalId],
    );
    return { id: earlier!.id, created: false, taskId: earlier!.task_id };
  }

  /**
   * pairWithWaiting — inputs: optionally the runs to look in (all runs
   * otherwise), a limit. Locks kept signals that a task now waits for and
   * those tasks (SKIP LOCKED both), oldest signal to longest waiter, one
   * signal per task. Outputs: the pairs; the caller settles the tasks and
   * marks the signals delivered (markDelivered) in the same transaction.
   */
  async pairWithWaiting(db: Db, runIds: readonly string[] | null, limit: number): Promise<SignalDelivery[]> {
    // Two texts, not `$1 IS NULL OR …`: each is a prepared statement whose plan uses its own index.
    const signals = await queryRows<{ id: string; run_id: string; name: string; payload: unknown }>(
      db,
      `SELECT s.id, s.run_id, s.name, s.payload FROM signals s
        WHERE s.delivered_at IS NULL ${runIds ? 'AND s.run_id = ANY($2::uuid[])' : ''}
          AND EXISTS (SELECT 1 FROM tasks t
                       WHERE t.run_id = s.run_id AND t.wait_signal = s.name AND t.status = 'waiting')
        ORDER BY s.received_at, s.id LIMIT $1
        FOR UPDATE OF s SKIP LOCKED`,
      runIds ? [limit, runIds] : [limit],
    );
    if (signals.length === 0) return [];
    const tasks = await queryRows<{ id: string; run_id: string; wait_signal: string }>(
      db,
      `SELECT t.id, t.run_id, t.wait_signal FROM tasks t
         JOIN (SELECT DISTINCT run_id, name FROM unnest($1::uuid[], $2::text[]) AS x(run_id, name)) w
           ON t.run_id = w.run_id AND t.wait_signal = w.name
        WHERE t.status = 'waiting'
        ORDER BY t.started_at, t.id
        FOR UPDATE OF t SKIP LOCKED`,
      [signals.map((s) => s.run_id), signals.map((s) => s.name)],
    );
    const waiting = new Map<string, string[]>();
    for (const task of tasks) {
      const key = `${task.run_id}/${task.wait_signal}`;
      waiting.set(key, [...(waiting.get(key) ?? []), task.id]);
    }
    const pairs: SignalDelivery[] = [];
    for (const signal of signals) {
      const taskId = waiting.get(`${signal.run_id}/${signal.name}`)?.shift();
      if (taskId) pairs.push({ signalRowId: signal.id, taskId, payload: signal.payload });
    }
    return pairs;
  }

  /** markDelivered — the signals went to these tasks. */
  async markDelivered(db: Db, pairs: readonly { signalRowId: string; taskId: string }[]): Promise<void> {
    if (pairs.length === 0) return;
    await execute(
      db,
      `UPDATE signals s SET task_id = p.task_id, delivered_at = now()
         FROM unnest($1::uuid[], $2::uuid[]) AS p(id, task_id)
        WHERE s.id = p.id`,
      [pairs.map((p) => p.signalRowId), pairs.map((p) => p.taskId)],
    );
  }

  /** The key of the task a signal went to, for the answer to a repeated signal. */
  async taskKey(db: Db, taskId: string): Promise<string | null> {
    const rows = await queryRows<{ key: string }>(db, 'SELECT key FROM tasks WHERE id = $1', [taskId]);
    return rows[0]?.key ?? null;
  }
}
