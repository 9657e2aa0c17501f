import { Inject, Injectable, Logger } from '@nestjs/common';
import type { Span } from '@opentelemetry/api';
import { TASKLOOM_CONFIG, type TaskloomConfig } from '@taskloom/config';
import type { TaskFailure } from '@taskloom/sdk';
import { InterruptionService, type AttemptOutcome } from '@taskloom/orchestrator';
import { CancelledRuns, QueueRegistry, REDIS_CONNECTION, TaskRouting, type TaskJobData } from '@taskloom/queue';
import { Worker, type Job } from 'bullmq';
import type { Redis } from 'ioredis';
import { AttemptReporter } from './attempt-reporter.service';
import { attemptFields, countAttempt, markAttemptSpan, observeQueueWait, traceAttempt } from './attempt-telemetry';
import { ExecutorIdentity } from './executor-identity';
import { PluginHostService, type HostedTaskType } from './plugin-host.service';
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

interface Poller {
  workers: Worker<TaskJobData>[];
  need: ResourceNeed;
  paused: boolean;
  /** How many of its tasks must fit before a paused poller resumes. */
  resumeAt: number;
}

/**
 * Runs the BullMQ workers of this executor: one per (served task type,
 * partition) queue. A job runs when its type's resource profile fits the
 * executor's free capacity; its attempt is marked started (fenced), run
 * through the plugin's TaskHost, and its outcome recorded.
 */
@Injectable()
export class TaskWorkerService {
  private readonly logger = new Logger(TaskWorkerService.name);
  private readonly workers: Worker<TaskJobData>[] = [];
  private readonly pollers = new Map<string, Poller>();
  private readonly running = new Set<AbortController>();
  private stopping = false;
  readonly gate: ResourceGate;

  constructor(
    @Inject(TASKLOOM_CONFIG) private readonly config: TaskloomConfig,
    @Inject(REDIS_CONNECTION) private readonly redis: Redis,
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

  queueNames(): string[] {
    return this.plugins
      .served()
      .flatMap((hosted) => this.routing.queuesOf(hosted.taskType.type, this.config.executor.partitions));
  }

  async start(): Promise<void> {
    await this.cancelled.watch();
    for (const hosted of this.plugins.served()) {
      const { resources } = hosted.descriptor;
      const concurrency = typeConcurrency(resources, this.config.executor);
      const poller: Poller = {
        workers: [],
        need: resources,
        paused: false,
        resumeAt: Math.max(1, Math.floor(concurrency / RESUME_SHARE)),
      };
      this.pollers.set(hosted.taskType.type, poller);
      for (const queue of this.routing.queuesOf(hosted.taskType.type, this.config.executor.partitions)) {
        const worker = new Worker<TaskJobData>(queue, (job) => this.process(job, hosted), {
          connection: this.redis,
          prefix: this.queues.prefix,
          // A job stays active until its outcome is written (AttemptReporter.finish). Short tasks spend
          // most of their time there, so a type gets room for several times as many of those as run at
          // once, up to what the reporter writes at a time: waiting on PostgreSQL never holds back the next
          // task, while a heavy type still holds few jobs it cannot start.
          concurrency: concurrency + Math.min(WRITE_WAIT_SHARE * concurrency, this.reporter.writeCapacity),
          autorun: true,
          ...workerLockOptions(this.config),
        });
        worker.on('error', (error) => this.logger.warn(`worker ${queue}: ${error.message}`));
        this.workers.push(worker);
        poller.workers.push(worker);
      }
    }
    this.gate.onChange(() => this.admitPollers());
    this.logger.log(`executor ${this.identity.id} serving ${this.workers.length} queue(s)`);
  }

  /**
   * An executor never asks for work it could not start now: the workers of a
   * task type whose profile does not fit the free capacity stop polling.
   * They start again once several such tasks fit (`resumeAt`), not one: a
   * full executor would otherwise pause and resume its workers on every
   * task that ends, and each resume costs BullMQ a round of Redis calls.
   */
  private admitPollers(): void {
    if (this.stopping) return;
    for (const poller of this.pollers.values()) {
      if (poller.paused ? !this.gate.fits(poller.need, poller.resumeAt) : this.gate.fits(poller.need)) continue;
      poller.paused = !poller.paused;
      for (const worker of poller.workers) {
        void (poller.paused ? worker.pause(true) : worker.resume());
      }
    }
  }

  private async process(job: Job<TaskJobData>, hosted: HostedTaskType): Promise<void> {
    let task = job.data;
    observeQueueWait(task.type, job.timestamp);
    if (this.cancelled.has(task.runId)) return;
    const release = await this.gate.acquire(hosted.descriptor.resources);
    let outcome: AttemptOutcome | undefined;
    try {
      // Checked again: admission may have waited.
      if (this.cancelled.has(task.runId)) return;
      // BullMQ counts every delivery; a second one means an earlier delivery was lost mid-run (its executor
      // died or lost the job's lock). That attempt is recorded as interrupted and this one runs as the next.
      const redelivered = job.attemptsStarted > 1;
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
