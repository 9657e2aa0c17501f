import { Column, Entity, PrimaryColumn } from 'typeorm';

/** What starts runs on a clock (ScheduleRepository; DESIGN §8, ADR 0020). */
@Entity('schedules')
export class ScheduleEntity {
  @PrimaryColumn('uuid') id!: string;
  @Column('text') tenant!: string;
  @Column('text') name!: string;
  @Column('text', { name: 'workflow_name' }) workflowName!: string;
  @Column('integer', { name: 'workflow_version', nullable: true }) workflowVersion!: number | null;
  /** A cron expression (5 or 6 fields) read in `timezone`; or else every_ms. */
  @Column('text', { nullable: true }) cron!: string | null;
  @Column('bigint', { name: 'every_ms', nullable: true }) everyMs!: string | null;
  @Column('text') timezone!: string;
  @Column('jsonb') input!: unknown;
  @Column('text', { nullable: true }) priority!: string | null;
  @Column('text', { array: true }) tags!: string[];
  @Column('text') overlap!: string;
  @Column('text', { name: 'catch_up' }) catchUp!: string;
  @Column('integer', { name: 'jitter_ms' }) jitterMs!: number;
  @Column('timestamptz', { name: 'start_at', nullable: true }) startAt!: Date | null;
  @Column('timestamptz', { name: 'end_at', nullable: true }) endAt!: Date | null;
  @Column('boolean') paused!: boolean;
  /** The origin of an `every` schedule's fire times. */
  @Column('timestamptz', { name: 'anchor_at' }) anchorAt!: Date;
  /** The first fire time not yet handled; null once the schedule has ended. */
  @Column('timestamptz', { name: 'next_fire_at', nullable: true }) nextFireAt!: Date | null;
  /** A fire time held until the active run ends (overlap buffer_one). */
  @Column('timestamptz', { name: 'buffered_fire_at', nullable: true }) bufferedFireAt!: Date | null;
  @Column('uuid', { name: 'last_run_id', nullable: true }) lastRunId!: string | null;
  @Column('timestamptz', { name: 'last_fired_at', nullable: true }) lastFiredAt!: Date | null;
  @Column('timestamptz', { name: 'created_at' }) createdAt!: Date;
  @Column('timestamptz', { name: 'updated_at' }) updatedAt!: Date;
}
