import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity('task_attempts')
export class TaskAttemptEntity {
  @PrimaryColumn('uuid', { name: 'task_id' }) taskId!: string;
  @PrimaryColumn('integer') attempt!: number;
  @Column('uuid', { name: 'run_id' }) runId!: string;
  @Column('text') status!: string;
  @Column('jsonb', { nullable: true }) error!: unknown;
  @Column('uuid', { name: 'executor_id', nullable: true }) executorId!: string | null;
  @Column('timestamptz', { name: 'started_at', nullable: true }) startedAt!: Date | null;
  @Column('timestamptz', { name: 'finished_at' }) finishedAt!: Date;
  @Column('double precision', { name: 'duration_ms', nullable: true }) durationMs!: number | null;
  @Column('jsonb', { nullable: true }) logs!: unknown;
}
