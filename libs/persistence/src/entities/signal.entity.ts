import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A signal sent to a run: delivered to the task waiting for its name, or kept until one waits (SignalRepository). */
@Entity('signals')
export class SignalEntity {
  @PrimaryColumn('uuid') id!: string;
  @Column('uuid', { name: 'run_id' }) runId!: string;
  @Column('text') name!: string;
  @Column('text', { name: 'signal_id', nullable: true }) signalId!: string | null;
  @Column('jsonb', { nullable: true }) payload!: unknown;
  /** The task it was delivered to. */
  @Column('uuid', { name: 'task_id', nullable: true }) taskId!: string | null;
  @Column('timestamptz', { name: 'received_at' }) receivedAt!: Date;
  @Column('timestamptz', { name: 'delivered_at', nullable: true }) deliveredAt!: Date | null;
}
