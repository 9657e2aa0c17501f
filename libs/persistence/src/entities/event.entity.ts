import { Column, Entity, PrimaryColumn } from 'typeorm';

/** An event received by POST /events, with the runs it started (EventRepository; DESIGN §9). */
@Entity('events')
export class EventEntity {
  @PrimaryColumn('uuid') id!: string;
  @Column('text') tenant!: string;
  @Column('text') name!: string;
  @Column('jsonb') payload!: unknown;
  @Column('text', { name: 'idempotency_key', nullable: true }) idempotencyKey!: string | null;
  /** [{workflow, version, runId}]; null until the runs are started. */
  @Column('jsonb', { nullable: true }) runs!: unknown;
  @Column('timestamptz', { name: 'created_at' }) createdAt!: Date;
}
