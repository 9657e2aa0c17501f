import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * One row per task instance of a run. `kind` tells a plain task from a
 * sub-workflow, a forEach group and one item of a group. The dependency and
 * child counters let a single UPDATE decide readiness without reading the
 * parents (see task.repository.ts).
 */
@Entity('tasks')
export class TaskEntity {
  @PrimaryColumn('uuid') id!: string;
  @Column('uuid', { name: 'run_id' }) runId!: string;
  @Column('text') key!: string;
  @Column('text') kind!: string;
  @Column('text', { nullable: true }) type!: string | null;
  @Column('text') status!: string;
  @Column('smallint') priority!: number;
  @Column('integer') attempt!: number;
  @Column('integer', { name: 'max_attempts' }) maxAttempts!: number;
  /** Attempts interrupted (not failed): each also raised max_attempts, so the retry budget is untouched. */
  @Column('integer') interruptions!: number;
  @Column('integer', { name: 'timeout_ms' }) timeoutMs!: number;
  @Column('jsonb', { nullable: true }) input!: unknown;
  @Column('jsonb', { nullable: true }) output!: unknown;
  @Column('jsonb', { nullable: true }) error!: unknown;
  @Column('text', { nullable: true }) queue!: string | null;
  @Column('jsonb', { nullable: true }) retry!: unknown;
  @Column('integer', { name: 'deps_total' }) depsTotal!: number;
  @Column('integer', { name: 'deps_succeeded' }) depsSucceeded!: number;
  @Column('integer', { name: 'deps_failed' }) depsFailed!: number;
  @Column('integer', { name: 'deps_skipped' }) depsSkipped!: number;
  @Column('uuid', { name: 'parent_task_id', nullable: true }) parentTaskId!: string | null;
  @Column('integer', { name: 'item_index', nullable: true }) itemIndex!: number | null;
  @Column('integer', { name: 'children_total' }) childrenTotal!: number;
  @Column('integer', { name: 'children_remaining' }) childrenRemaining!: number;
  @Column('integer', { name: 'children_failed' }) childrenFailed!: number;
  @Column('timestamptz', { name: 'available_at', nullable: true }) availableAt!: Date | null;
  @Column('timestamptz', { name: 'dispatch_at', nullable: true }) dispatchAt!: Date | null;
  @Column('timestamptz', { name: 'queued_at', nullable: true }) queuedAt!: Date | null;
  @Column('timestamptz', { name: 'started_at', nullable: true }) startedAt!: Date | null;
  @Column('timestamptz', { name: 'finished_at', nullable: true }) finishedAt!: Date | null;
  @Column('uuid', { name: 'executor_id', nullable: true }) executorId!: string | null;
  /** A waiting task's due time: a sleep's end, a signal wait's timeout (null: no timeout). */
  @Column('timestamptz', { name: 'wake_at', nullable: true }) wakeAt!: Date | null;
  /** The signal a waiting task waits for. */
  @Column('text', { name: 'wait_signal', nullable: true }) waitSignal!: string | null;
  /** Longest time from ready to started; null: no limit. */
  @Column('integer', { name: 'queue_timeout_ms', nullable: true }) queueTimeoutMs!: number | null;
  /** The run's tenant, for fair share in the claim. */
  @Column('text') tenant!: string;
  /** Tenant-qualified rendered concurrency key; a 'queued' or 'running' row with one holds one of its slots. */
  @Column('text', { name: 'concurrency_key', nullable: true }) concurrencyKey!: string | null;
  @Column('integer', { name: 'concurrency_limit', nullable: true }) concurrencyLimit!: number | null;
  /** Rate-limit bucket (ADR 0026): tenant-qualified, or a task type's shared bucket; with its limit per period. */
  @Column('text', { name: 'rate_key', nullable: true }) rateKey!: string | null;
  @Column('integer', { name: 'rate_limit', nullable: true }) rateLimit!: number | null;
  @Column('integer', { name: 'rate_period_ms', nullable: true }) ratePeriodMs!: number | null;
  @Column('timestamptz', { name: 'created_at' }) createdAt!: Date;
}
