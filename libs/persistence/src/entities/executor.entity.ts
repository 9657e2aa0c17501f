import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity('executors')
export class ExecutorEntity {
  @PrimaryColumn('uuid') id!: string;
  @Column('text') hostname!: string;
  @Column('integer') pid!: number;
  @Column('text', { name: 'task_types', array: true }) taskTypes!: string[];
  @Column('text', { array: true }) queues!: string[];
  @Column('jsonb') capacity!: { cpu: number; memoryMb: number; concurrency: number };
  @Column('jsonb') load!: { cpu: number; memoryMb: number; active: number };
  @Column('timestamptz', { name: 'started_at' }) startedAt!: Date;
  @Column('timestamptz', { name: 'heartbeat_at' }) heartbeatAt!: Date;
  @Column('timestamptz', { name: 'stopped_at', nullable: true }) stoppedAt!: Date | null;
}
