import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Indexes live in the migration: several are partial or GIN, which decorators cannot express. */
@Entity('runs')
export class RunEntity {
  @PrimaryColumn('uuid') id!: string;
  @Column('uuid', { name: 'definition_id' }) definitionId!: string;
  @Column('text', { name: 'workflow_name' }) workflowName!: string;
  @Column('integer', { name: 'workflow_version' }) workflowVersion!: number;
  @Column('text') status!: string;
  @Column('smallint') priority!: number;
  @Column('jsonb') input!: unknown;
  @Column('jsonb', { nullable: true }) output!: unknown;
  @Column('jsonb', { nullable: true }) error!: unknown;
  @Column('text') tenant!: string;
  @Column('text', { name: 'idempotency_key', nullable: true }) idempotencyKey!: string | null;
  @Column('text', { array: true }) tags!: string[];
  @Column('uuid', { name: 'parent_task_id', nullable: true }) parentTaskId!: string | null;
  /** The parent task's attempt that launched this sub-workflow run; only that attempt's child ends it. */
  @Column('integer', { name: 'parent_attempt', nullable: true }) parentAttempt!: number | null;
  @Column('integer', { name: 'tasks_remaining' }) tasksRemaining!: number;
  @Column('integer', { name: 'tasks_failed' }) tasksFailed!: number;
  @Column('timestamptz', { name: 'deadline_at', nullable: true }) deadlineAt!: Date | null;
  /** W3C trace context the run's tasks are traced under; null when tracing is off. */
  @Column('text', { nullable: true }) traceparent!: string | null;
  /** A later start: the run is 'scheduled' until then. */
  @Column('timestamptz', { name: 'start_at', nullable: true }) startAt!: Date | null;
  /** The workflow's rendered concurrency key, tenant-qualified (ADR 0027); null without one. */
  @Column('text', { name: 'concurrency_key', nullable: true }) concurrencyKey!: string | null;
  @Column('integer', { name: 'concurrency_limit', nullable: true }) concurrencyLimit!: number | null;
  /** queue, cancel_newest or cancel_oldest. */
  @Column('text', { name: 'concurrency_on_limit', nullable: true }) concurrencyOnLimit!: string | null;
  @Column('timestamptz', { name: 'created_at' }) createdAt!: Date;
  @Column('timestamptz', { name: 'started_at', nullable: true }) startedAt!: Date | null;
  @Column('timestamptz', { name: 'finished_at', nullable: true }) finishedAt!: Date | null;
  @Column('timestamptz', { name: 'updated_at' }) updatedAt!: Date;
}
