import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { TaskAttemptEntity } from '../entities';
import { jsonArray, type Db } from '../sql';

export interface AttemptRecord {
  taskId: string;
  runId: string;
  attempt: number;
  status: 'succeeded' | 'failed' | 'lost';
  error?: unknown;
  executorId: string | null;
  startedAt: Date | null;
  durationMs: number | null;
  logs?: unknown;
}

@Injectable()
export class TaskAttemptRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** A repeated record of the same (task, attempt) is ignored: the first one written is the truth. */
  async insertAttempts(db: Db, records: readonly AttemptRecord[]): Promise<void> {
    if (records.length === 0) return;
    await db.query(
      `INSERT INTO task_attempts (task_id, run_id, attempt, status, error, executor_id, started_at, duration_ms, logs)
       SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::int[], $4::text[], $5::jsonb[], $6::uuid[],
                            $7::timestamptz[], $8::int[], $9::jsonb[])
       ON CONFLICT (task_id, attempt) DO NOTHING`,
      [
        records.map((r) => r.taskId),
        records.map((r) => r.runId),
        records.map((r) => r.attempt),
        records.map((r) => r.status),
        jsonArray(records.map((r) => r.error)),
        records.map((r) => r.executorId),
        records.map((r) => r.startedAt),
        // Handlers time themselves with performance.now(); the column keeps whole milliseconds.
        records.map((r) => (r.durationMs === null ? null : Math.round(r.durationMs))),
        jsonArray(records.map((r) => r.logs)),
      ],
    );
  }

  findByTask(taskId: string): Promise<TaskAttemptEntity[]> {
    return this.dataSource.getRepository(TaskAttemptEntity).find({ where: { taskId }, order: { attempt: 'ASC' } });
  }

  findByRun(runId: string): Promise<TaskAttemptEntity[]> {
    return this.dataSource
      .getRepository(TaskAttemptEntity)
      .find({
        where: { runId },
        order: { finishedAt: 'ASC' },
        select: {
          taskId: true,
          attempt: true,
          status: true,
          error: true,
          executorId: true,
          startedAt: true,
          finishedAt: true,
          durationMs: true,
        },
      });
  }

  /** Every attempt of a run's task (or of one forEach item), with its log lines, oldest first. */
  async logsOf(runId: string, key: string, itemIndex?: number): Promise<TaskAttemptEntity[]> {
    return this.dataSource
      .getRepository(TaskAttemptEntity)
      .createQueryBuilder('a')
      .innerJoin('tasks', 't', 't.id = a.task_id')
      .where('t.run_id = :runId AND t.key = :key', { runId, key })
      .andWhere(itemIndex === undefined ? 't.parent_task_id IS NULL' : 't.item_index = :itemIndex', { itemIndex })
      .orderBy('a.attempt', 'ASC')
      .getMany();
  }
}
