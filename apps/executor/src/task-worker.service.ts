import { Inject, Injectable, Logger } from '@nestjs/common';
import type { Span } from '@opentelemetry/api';
import { TASKLOOM_CONFIG, type TaskloomConfig } from '@taskloom/config';
import type { RetryPolicy } from '@taskloom/engine';
import type { AttemptFailure } from '@taskloom/orchestrator';
import { QueueRegistry, REDIS_CONNECTION, TaskRouting, type TaskJobData } from '@taskloom/queue';
import { Worker, type Job } from 'bullmq';
import type { Redis } from 'ioredis';
import { AttemptReporter } from './attempt-reporter.service';
import { attemptFields, countAttempt, markAttemptSpan, observeQueueWait, traceAttempt } from './attempt-telemetry';
import { ExecutorIdentity } from './executor-identity';
import { PluginHostService, type HostedTaskType } from './plugin-host.service';
import { ResourceGate, type ResourceNeed } from './resource-gate';
import { typeConcurrency } from './type-concurrency';

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
  private readonly pollers = new Map<string, { workers: Worker<TaskJobData>[]; need: ResourceNeed; paused: boolean }>();
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
  ) {
    this.gate = new ResourceGate({
      cpu: config.executor.cpu,
      memoryMb: config.executor.memoryMb,
      slots: config.executor.concurrency,
    });
  }

  queueNames(): string[] {
    return this.plugins.served().flatMap((hosted) => this.routing.queuesOf(hosted.taskType.type, this.config.executor.partitions));
  }

  start(): void {
    for (const hosted of this.plugins.served()) {
      const { resources } = hosted.descriptor;
      const concurrency = typeConcurrency(resources, this.config.executor);
      const poller = { workers: [] as Worker<TaskJobData>[], need: resources, paused: false };
      this.pollers.set(hosted.taskType.type, poller);
      for (const queue of this.routing.queuesOf(hosted.taskType.type, this.config.executor.partitions)) {
        const worker = new Worker<TaskJobData>(queue, (job) => this.process(job, hosted), {
          connection: this.redis,
          prefix: this.queues.prefix,
          concurrency,
          autorun: true,
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
   * task type whose profile does not fit the free capacity stop polling, and
   * start again as soon as it fits.
   */
  private admitPollers(): void {
    if (this.stopping) return;
    for (const poller of this.pollers.values()) {
      const fits = this.gate.fits(poller.need);
      if (fits === !poller.paused) continue;
      poller.paused = !fits;
      for (const worker of poller.workers) {
        void (fits ? worker.resume() : worker.pause(true));
      }
    }
  }

  private async process(job: Job<TaskJobData>, hosted: HostedTaskType): Promise<void> {
    const task = job.data;
    observeQueueWait(task.type, job.timestamp);
    const release = await this.gate.acquire(hosted.descriptor.resources);
    try {
      await traceAttempt(task, this.identity.id, (span) => this.attempt(task, hosted, span));
    } finally {
      release();
    }
  }

  private async attempt(task: TaskJobData, hosted: HostedTaskType, span: Span | undefined): Promise<void> {
    if (!(await this.reporter.start(task.taskId, task.attempt))) {
      this.logger.debug({ msg: 'attempt not started: superseded, started elsewhere, or its run ended', ...attemptFields(task) });
      return;
    }
    const controller = new AbortController();
    this.running.add(controller);
    const startedAt = new Date();
    const result = await hosted.host
      .execute(task.type, {
        input: task.input,
        attempt: task.attempt,
        runId: task.runId,
        taskId: task.taskId,
        taskKey: task.key,
        timeoutMs: task.timeoutMs,
        signal: controller.signal,
      })
      .finally(() => this.running.delete(controller));
    const failure = result.status === 'failed' ? this.failureOf(result.error as unknown as AttemptFailure, controller.signal) : undefined;
    markAttemptSpan(span, result.status, failure);
    countAttempt(task.type, result.status, result.durationMs, failure?.retryable !== false);
    if (failure) {
      this.logger.log({ msg: `attempt failed: ${failure.name}: ${failure.message}`, ...attemptFields(task), retryable: failure.retryable !== false });
    } else {
      this.logger.debug({ msg: 'attempt succeeded', ...attemptFields(task), durationMs: result.durationMs });
    }
    await this.reporter.finish({
      taskId: task.taskId,
      runId: task.runId,
      attempt: task.attempt,
      status: result.status,
      output: result.status === 'succeeded' ? result.output : undefined,
      error: failure,
      retry: task.retry as RetryPolicy | null,
      maxAttempts: task.maxAttempts,
      priority: task.priority,
      executorId: this.identity.id,
      startedAt,
      durationMs: result.durationMs,
      logs: result.logs.length > 0 ? result.logs : undefined,
    });
  }

  /** An attempt cut short by this executor's shutdown is handed back: retryable at once, whatever the handler threw. */
  private failureOf(error: AttemptFailure, signal: AbortSignal): AttemptFailure {
    if (!signal.aborted) return error;
    return {
      name: 'HandedBack',
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
      this.logger.warn(`aborting ${this.running.size} task(s) still running after the shutdown grace period; they will be retried`);
      for (const controller of this.running) controller.abort(new Error('executor shutting down'));
      await closing;
    }
    await this.reporter.drain();
  }
}
