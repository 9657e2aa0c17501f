import { Injectable } from '@nestjs/common';
import { DatabasePool } from '../database-pool';
import { execute, queryRows } from '../sql';

export interface ExecutorLoad {
  cpu: number;
  memoryMb: number;
  active: number;
}

export interface ExecutorRow {
  id: string;
  hostname: string;
  pid: number;
  taskTypes: string[];
  queues: string[];
  capacity: { cpu: number; memoryMb: number; concurrency: number };
  load: ExecutorLoad;
  startedAt: Date;
  heartbeatAt: Date;
  stoppedAt: Date | null;
}

export type ExecutorRegistration = Pick<ExecutorRow, 'id' | 'hostname' | 'pid' | 'taskTypes' | 'queues' | 'capacity'>;

@Injectable()
export class ExecutorRepository {
  constructor(private readonly database: DatabasePool) {}

  async register(executor: ExecutorRegistration): Promise<void> {
    await execute(
      this.database.db,
      `INSERT INTO executors (id, hostname, pid, task_types, queues, capacity, load, started_at, heartbeat_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, now(), now())`,
      [
        executor.id,
        executor.hostname,
        executor.pid,
        executor.taskTypes,
        executor.queues,
        JSON.stringify(executor.capacity),
        JSON.stringify({ cpu: 0, memoryMb: 0, active: 0 }),
      ],
    );
  }

  async heartbeat(id: string, load: ExecutorLoad): Promise<void> {
    await execute(this.database.db, `UPDATE executors SET heartbeat_at = now(), load = $2 WHERE id = $1`, [
      id,
      JSON.stringify(load),
    ]);
  }

  async markStopped(id: string): Promise<void> {
    await execute(this.database.db, `UPDATE executors SET stopped_at = now() WHERE id = $1`, [id]);
  }

  /** Executors that heartbeated within the window and have not said they stopped. */
  listLive(withinMs: number): Promise<ExecutorRow[]> {
    return queryRows<ExecutorRow>(
      this.database.db,
      `SELECT id, hostname, pid, task_types AS "taskTypes", queues, capacity, load, started_at AS "startedAt",
              heartbeat_at AS "heartbeatAt", stopped_at AS "stoppedAt"
         FROM executors
        WHERE stopped_at IS NULL AND heartbeat_at > now() - $1 * interval '1 millisecond'
        ORDER BY started_at`,
      [withinMs],
    );
  }
}
