import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A sub-workflow task whose child run is still to be created (SubRunQueueRepository). */
@Entity('pending_sub_runs')
export class PendingSubRunEntity {
  @PrimaryColumn('uuid', { name: 'task_id' }) taskId!: string;
  @Column('integer') attempt!: number;
  @Column('timestamptz', { name: 'created_at' }) createdAt!: Date;
}
