import { Inject, Injectable, Logger } from '@nestjs/common';
import type { Span } from '@opentelemetry/api';
import { TASKLOOM_CONFIG, type TaskloomConfig } from '@taskloom/config';
import type { TaskFailure } from '@taskloom/sdk';
import { InterruptionService, type AttemptOutcome } from '@taskloom/orchestrator';
import {
  CancelledRuns,
  QueueRegistry,
  REDIS_CONNECTION,
  TaskRouting,
  type RedisConnection,
  type TaskJobData,
} from '@taskloom/queue';
import { DelayedError, Worker, type Job } from 'bullmq';
import { AttemptReporter } from './attempt-reporter.service';
import { attemptFields, countAttempt, markAttemptSpan, observeQueueWait, traceAttempt } from './attempt-telemetry';
import { ExecutorIdentity } from './executor-identity';
import { PluginConfigurationError, PluginHostService, type HostedTaskType } from './plugin-host.service';
import { servedPools, type ServedPool } from './served-pools';
import { ResourceGate, type ResourceNeed } from './resource-gate';
import { preciseTimestamp } from './precise-time';
import { storableResult } from './storable-result';
import { typeConcurrency } from './type-concurrency';
import { workerLockOptions } from './worker-lock.options';

/** A poller resumes once this share of its type's concurrency fits again. */
const RESUME_SHARE = 8;
/** Jobs of a type waiting for their outcome to be written, per task of the type that may run at once. */
const WRITE_WAIT_SHARE = 4;
const HANDED_BACK = 'HandedBack';
/** A job of a type this executor does not host goes back to its queue for this long, for an executor that does. */
const FOREIGN_JOB_DELAY_MS = 1_000;
/**
 * Seconds an idle worker blocks waiting for a job before it asks again. A new
 * job wakes it at once (BullMQ's marker), so this costs no latency; it only
 * sets the idle polling rate (ADR 0024). BullMQ's default is 5; 10 is the
 * ceiling BullMQ itself keeps a blocking call under, so a dropped connection
 * is still noticed quickly.
 */
const DRAIN_DELAY_S = 10;

interface Poller {
  workers: Worker<TaskJobData>[];
  /** The lightest need of the pool's types: while it does not fit, nothing the pool carries can start. */
  need: ResourceNeed;
  paused: boolean;
  /** How many of its tasks must fit before a paused poller resumes. */
  resumeAt: number;
}

/**
 * Runs the BullMQ workers of this executor: one per (served pool,
 * partition) queue (ADR 0024), so its Redis connections grow with pools ×
 * partitions, not with task types. A job runs when its type's resource
 * profile fits the executor's free capacity; its attempt is marked started
 * (fenced), run through the plugin's TaskHost, and its outcome recorded.
 */
@Injectable()
export class TaskWorkerService {
  private readonly logger = new Logger(TaskWorkerService.name);
  private readonly workers: Worker<TaskJobData>[] = [];
  private readonly pollers = new Map<string, Poller>();
  private readonly hosted = new Map<string, HostedTaskType>();
  private readonly running = new Set<AbortController>();
  private stopping = false;
  readonly gate: ResourceGate;

  constructor(
    @Inject(TASKLOOM_CONFIG) private readonly config: TaskloomConfig,
    @Inject(REDIS_CONNECTION) private readonly redis: RedisConnection,
    private readonly queues: QueueRegistry,
    private readonly routing: TaskRouting,
    private readonly plugins: PluginHostService,
    private readonly reporter: AttemptReporter,
    private readonly identity: ExecutorIdentity,
    private readonly interruptions: InterruptionService,
    private readonly cancelled: CancelledRuns,
  ) {
    this.gate = new ResourceGate({
      cpu: config.executor.cpu,
      memoryMb: config.executor.memoryMb,
      slots: config.executor.concurrency,
    });
  }

  private pools(): ServedPool[] {
    return servedPools(this.plugins.served(), this.routing.pools, this.config.executor.pools);
  }

  queueNames(): string[] {
    return this.pools().flatMap((pool) => this.routing.queuesOfPool(pool.name, this.config.executor.partitions));
  }

  async start(): Promise<void> {
    const pools = this.pools();
    const empty = pools.filter((pool) => pool.types.length === 0).map((pool) => pool.name);
    if (empty.length > 0) {
      throw new PluginConfigurationError(
        `EXECUTOR_POOLS names ${empty.join(', ')}, which carries none of the task types this executor serves`,
      );
    }
    for (const served of this.plugins.served()) this.hosted.set(served.taskType.type, served);
    await this.cancelled.watch();
    for (const pool of pools) {
      const lightest = lightestOf(pool.types);
      const concurrency = typeConcurrency(lightest, this.config.executor);
      const poller: Poller = {
        workers: [],
        need: lightest,
        paused: false,
        resumeAt: Math.max(1, Math.floor(concurrency / RESUME_SHARE)),
      };
      this.pollers.set(pool.name, poller);
      for (const queue of this.routing.queuesOfPool(pool.name, this.config.executor.partitions)) {
        const worker = new Worker<TaskJobData>(queue, (job, token) => this.process(job, token), {
          connection: this.redis,
          prefix: this.queues.prefix,
          // A job stays active until its outcome is written (AttemptReporter.finish). Short tasks spend
          // most of their time there, so a pool gets room for several times as many of those as run at
          // once, up to what the reporter writes at a time: waiting on PostgreSQL never holds back the next
          // task, while a heavy pool still holds few jobs it cannot start.
          concurrency: concurrency + Math.min(WRITE_WAIT_SHARE * concurrency, this.reporter.writeCapacity),
          autorun: true,
          drainDelay: DRAIN_DELAY_S,
          ...workerLockOptions(this.config),
        });
        worker.on('error', (error) => this.logger.warn(`worker ${queue}: ${error.message}`));
        this.workers.push(worker);
        poller.workers.push(worker);
      }
    }
    this.gate.onChange(() => this.admitPollers());
    this.logger.log(
      `executor ${this.identity.id} serving ${this.workers.length} queue(s) of pool(s) ${pools.map((p) => p.name).join(', ')}`,
    );
  }

  /**
   * An executor never asks for work it could not start now: the workers of a
   * pool stop polling while not even its lightest type fits the free
   * capacity, or while a task already taken waits for room (a heavier type
   * of the pool). They start again once several of the lightest fit
   * (`resumeAt`), not one: a full executor would otherwise pause and resume
   * its workers on every task that ends, and each resume costs BullMQ a
   * round of Redis calls.
   */
  private admitPollers(): void {
    if (this.stopping) return;
    const waiting = this.gate.waiting() > 0;
    for (const poller of this.pollers.values()) {
      const fits = !waiting && this.gate.fits(poller.need, poller.paused ? poller.resumeAt : 1);
      if (poller.paused !== fits) continue;
      poller.paused = !poller.paused;
      for (const worker of poller.workers) {
        void (poller.paused ? worker.pause(true) : worker.resume());
      }
    }
  }

  private async process(job: Job<TaskJobData>, token: string | undefined): Promise<void> {
    let task = job.data;
    const hosted = this.hosted.get(task.type);
    if (!hosted) return this.handBackForeign(job, token);
    observeQueueWait(task.type, job.timestamp);
    if (this.cancelled.has(task.runId)) return;
    const release = await this.gate.acquire(hosted.descriptor.resources);
    let outcome: AttemptOutcome | undefined;
    try {
      // Checked again: admission may have waited.
      if (this.cancelled.has(task.runId)) return;
      // BullMQ counts every delivery; a second one means an earlier delivery was lost mid-run (its executor
      // died or lost the job's lock). That attempt is recorded as interrupted and this one runs as the next.
      const redelivered = job.attemptsStarted - (task.handedBack ?? 0) > 1;
      if (redelivered) {
        const next = await this.takeOver(task);
        if (!next) return;
        task = { ...task, ...next };
      }
      outcome = await traceAttempt(task, this.identity.id, (span) => this.attempt(task, hosted, span, redelivered));
    } finally {
      release();
    }
    if (outcome) await this.reporter.finish(outcome);
  }

  /**
   * A pool carries a type this executor does not host (its EXECUTOR_TASK_TYPES
   * leaves it out): the job goes back to its queue, delayed a little, for an
   * executor that hosts it. The hand-back is counted in the job, so its next
   * delivery is not mistaken for the redelivery of a lost attempt.
   */
  private async handBackForeign(job: Job<TaskJobData>, token: string | undefined): Promise<void> {
    this.logger.warn({
      msg: `a job of ${job.data.type}, which this executor does not serve, went back to ${job.queueName}; check EXECUTOR_POOLS and QUEUE_POOLS`,
      ...attemptFields(job.data),
    });
    await job.updateData({ ...job.data, handedBack: (job.data.handedBack ?? 0) + 1 });
    await job.moveToDelayed(Date.now() + FOREIGN_JOB_DELAY_MS, token);
    throw new DelayedError();
  }

  /** The next attempt of a redelivered job's task, started here; nothing when it must not run. */
  private async takeOver(task: TaskJobData): Promise<{ attempt: number; maxAttempts: number } | undefined> {
    const next = await this.interruptions.takeOver(
      {
        taskId: task.taskId,
        attempt: task.attempt,
        reason: 'redelivered',
        error: {
          name: 'Redelivered',
          message: 'the queue job of this attempt was delivered again: the executor running it died or lost its lock',
        },
        executorId: null,
        startedAt: null,
        durationMs: null,
      },
      this.identity.id,
      preciseTimestamp(),
    );
    if (!next) {
      this.logger.debug({
        msg: 'redelivered job not run: its attempt ended, moved on, or used up its interruption budget',
        ...attemptFields(task),
      });
    }
    return next;
  }

  /**
   * Runs one attempt and returns its outcome, or nothing when the attempt is
   * not this executor's to finish. A first delivery runs at once and records
   * its start only if it runs long (startLater). A redelivered job, whose
   * attempt may have been given up on meanwhile, records its start before
   * it runs: a start that is refused means it does not run at all.
   */
  private async attempt(
    task: TaskJobData,
    hosted: HostedTaskType,
    span: Span | undefined,
    redelivered: boolean,
  ): Promise<AttemptOutcome | undefined> {
    const startedAt = preciseTimestamp();
    const start = { taskId: task.taskId, attempt: task.attempt, startedAt };
    // A redelivered job's attempt was recorded 'running' when this executor took it over.
    const startsFirst = redelivered || this.reporter.startsFirst;
    if (!redelivered && startsFirst && !(await this.reporter.start(start))) {
      this.logger.debug({
        msg: 'attempt not started: superseded, started elsewhere, or its run ended',
        ...attemptFields(task),
      });
      return undefined;
    }
    const controller = new AbortController();
    let abandoned = false;
    const cancelStart = startsFirst
      ? undefined
      : this.reporter.startLater(start, () => {
          abandoned = true;
          controller.abort(new Error('the attempt was superseded or its run ended while it ran'));
        });
    this.running.add(controller);
    const handled = await hosted.host
      .execute(task.type, {
        input: task.input,
        attempt: task.attempt,
        runId: task.runId,
        taskId: task.taskId,
        taskKey: task.key,
        timeoutMs: task.timeoutMs,
        signal: controller.signal,
      })
      .finally(() => {
        cancelStart?.();
        this.running.delete(controller);
      });
    const result = storableResult(handled, this.config.limits.taskOutputBytes);
    if (abandoned) {
      this.logger.debug({
        msg: 'attempt abandoned: superseded, or its run ended, while it ran',
        ...attemptFields(task),
      });
      return undefined;
    }
    const failure = result.status === 'failed' ? this.failureOf(result.error, controller.signal) : undefined;
    markAttemptSpan(span, result.status, failure);
    countAttempt(task.type, result.status, result.durationMs, failure?.retryable !== false);
    // A success is in the metrics and the run's record; a line per task would be most of the executor's work.
    if (failure) {
      this.logger.log({
        msg: `attempt failed: ${failure.name}: ${failure.message}`,
        ...attemptFields(task),
        retryable: failure.retryable !== false,
      });
    }
    return {
      taskId: task.taskId,
      runId: task.runId,
      definitionId: task.definitionId,
      attempt: task.attempt,
      ...(failure?.name === HANDED_BACK ? { interrupted: 'handed_back' as const } : {}),
      status: result.status,
      output: result.status === 'succeeded' ? result.output : undefined,
      error: failure,
      retry: task.retry,
      maxAttempts: task.maxAttempts,
      priority: task.priority,
      executorId: this.identity.id,
      startedAt,
      durationMs: result.durationMs,
      logs: result.logs.length > 0 ? result.logs : undefined,
    };
  }

  /**
   * An attempt cut short by this executor's shutdown is handed back: an
   * interruption, not a failure of the task, whatever the handler threw.
   */
  private failureOf(error: TaskFailure, signal: AbortSignal): TaskFailure {
    if (!signal.aborted) return error;
    return {
      name: HANDED_BACK,
      message: 'the executor shut down before this attempt finished; it runs again elsewhere',
      retryable: true,
      retryAfterMs: 0,
      cause: error,
    };
  }

  /**
   * Stops taking work, lets running tasks finish within the grace period,
   * then aborts the rest: they fail as retryable attempts and run again
   * elsewhere. Outcomes are written before this resolves.
   */
  async stop(): Promise<void> {
    this.stopping = true;
    const closing = Promise.all(this.workers.map((worker) => worker.close()));
    const graceOver = new Promise<'grace-over'>((resolve) => {
      const timer = setTimeout(() => resolve('grace-over'), this.config.executor.shutdownGraceMs);
      void closing.finally(() => clearTimeout(timer));
    });
    if ((await Promise.race([closing, graceOver])) === 'grace-over') {
      this.logger.warn(
        `aborting ${this.running.size} task(s) still running after the shutdown grace period; they will be retried`,
      );
      for (const controller of this.running) controller.abort(new Error('executor shutting down'));
      await closing;
    }
    await this.reporter.drain();
  }
}

/** The componentwise least need among a pool's types: what must fit for any of them to start. */
function lightestOf(types: readonly HostedTaskType[]): ResourceNeed {
  return {
    cpu: Math.min(...types.map((type) => type.descriptor.resources.cpu)),
    memoryMb: Math.min(...types.map((type) => type.descriptor.resources.memoryMb)),
  };
}
