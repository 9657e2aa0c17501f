import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ExecutorEntity } from '../entities';

export type ExecutorRegistration = Pick<
  ExecutorEntity,
  'id' | 'hostname' | 'pid' | 'taskTypes' | 'queues' | 'capacity'
>;

@Injectable()
export class ExecutorRepository {
  constructor(private readonly dataSource: DataSource) {}

  async register(executor: ExecutorRegistration): Promise<void> {
    await this.dataSource.getRepository(ExecutorEntity).insert({
      ...executor,
      load: { cpu: 0, memoryMb: 0, active: 0 },
      startedAt: new Date(),
      heartbeatAt: new Date(),
    });
  }

  async heartbeat(id: string, load: ExecutorEntity['load']): Promise<void> {
    await this.dataSource.query(`UPDATE executors SET heartbeat_at = now(), load = $2 WHERE id = $1`, [id, load]);
  }

  async markStopped(id: string): Promise<void> {
    await this.dataSource.query(`UPDATE executors SET stopped_at = now() WHERE id = $1`, [id]);
  }

  /** Executors that heartbeated within the window and have not said they stopped. */
  listLive(withinMs: number): Promise<ExecutorEntity[]> {
    return this.dataSource
      .getRepository(ExecutorEntity)
      .createQueryBuilder('e')
      .where('e.stopped_at IS NULL')
      .andWhere(`e.heartbeat_at > now() - :ms * interval '1 millisecond'`, { ms: withinMs })
      .orderBy('e.started_at', 'ASC')
      .getMany();
  }
}
