import { availableParallelism } from 'node:os';
import { TaskHostConfigError } from '../errors/sdk-errors';
import { NonRetryableError, TaskCancelledError } from '../errors/task-errors';
import type { IsolateStats } from '../isolation/invocation';
import { cancelReason } from '../isolation/deadline';
import { isPlugin, type Plugin } from '../plugin/plugin';
import { resolvePluginPath } from '../plugin/resolve-plugin';
import { MAX_TIMEOUT_MS, MIN_MEMORY_MB } from '../resources/resolve-resources';
import type { AnyTaskType } from '../task/task-type';
import { failed } from './attempt-result';
import { BatchDispatcher } from './batch-dispatcher';
import type { ExecutionRequest, ExecutionResult } from './execution-types';
import { IsolateRegistry } from './isolate-registry';
import { DEFAULT_LOG_LIMITS, type LogLimits } from './log-buffer';
import type { PreparedAttempt } from './prepared-attempt';
import { runSingle } from './run-single';
import { parseInput } from './validation';

export interface TaskHostOptions {
  plugin: Plugin;
  /**
   * How worker threads and child processes load the plugin: its package name
   * or the path of its built entry file (what PLUGINS lists). Required when
   * any task type uses thread or process isolation.
   */
  pluginSpecifier?: string;
  /** Workers per pool (one pool per thread/process task type). Default: available CPUs. */
  poolSize?: number;
  /** Log lines kept per attempt. Default 1000. */
  maxLogLines?: number;
  /** Bytes of log lines (as JSON) kept per attempt. Default 64 KiB. */
  maxLogBytes?: number;
  /**
   * Largest output (as JSON) an attempt may return; a larger one fails it
   * with OutputTooLargeError, checked in the worker thread or process that
   * produced it, before it is copied to the host. Default: unbounded.
   */
  maxOutputBytes?: number;
  /** After a timeout or cancel, how long a thread/process may take to stop before it is killed. Default 1000 ms. */
  killGraceMs?: number;
  /** How long a new worker may take to load the plugin. Default 30 s. */
  spawnTimeoutMs?: number;
}

/**
 * Runs a plugin's task types: validates input, runs the handler in its
 * isolation mode under its timeout and heap limit, validates output, keeps
 * log lines. Task failures come back as `status: 'failed'`, never as throws.
 * The executor and the test harness both run tasks through this class.
 */
export class TaskHost {
  readonly plugin: Plugin;
  private readonly tasks = new Map<string, AnyTaskType>();
  private readonly isolates: IsolateRegistry;
  private readonly batches = new Map<string, BatchDispatcher>();
  private readonly logLimits: LogLimits;
  private readonly maxOutputBytes: number | undefined;
  private closed = false;

  constructor(options: TaskHostOptions) {
    if (!isPlugin(options.plugin))
      throw new TaskHostConfigError('TaskHost needs a plugin made by definePlugin() (see loadPlugin())');
    this.plugin = options.plugin;
    for (const task of options.plugin.tasks) this.tasks.set(task.type, task);
    const isolated = options.plugin.tasks.filter((task) => task.isolation !== 'inline');
    if (isolated.length > 0 && !options.pluginSpecifier) {
      const list = isolated.map((task) => `${task.type} (${task.isolation})`).join(', ');
      throw new TaskHostConfigError(
        `plugin "${options.plugin.name}": ${list} run in worker threads or child processes, which load the plugin themselves; ` +
          'pass pluginSpecifier (its package name or the path of its built entry file)',
      );
    }
    this.logLimits = {
      maxLines: positiveInt('maxLogLines', options.maxLogLines, DEFAULT_LOG_LIMITS.maxLines),
      maxBytes: positiveInt('maxLogBytes', options.maxLogBytes, DEFAULT_LOG_LIMITS.maxBytes),
    };
    this.maxOutputBytes =
      options.maxOutputBytes === undefined ? undefined : positiveInt('maxOutputBytes', options.maxOutputBytes, 1);
    this.isolates = new IsolateRegistry(this.tasks, {
      pluginPath: options.pluginSpecifier ? resolvePluginPath(options.pluginSpecifier) : undefined,
      poolSize: positiveInt('poolSize', options.poolSize, availableParallelism()),
      killGraceMs: positiveInt('killGraceMs', options.killGraceMs, 1_000),
      spawnTimeoutMs: positiveInt('spawnTimeoutMs', options.spawnTimeoutMs, 30_000),
    });
  }

  /** Runs one attempt. Resolves with the outcome; rejects only on a bug in the host itself. */
  async execute(type: string, req: ExecutionRequest): Promise<ExecutionResult> {
    const startedAt = performance.now();
    try {
      if (this.closed) return failed(new TaskCancelledError('task host closed'), [], startedAt);
      const task = this.tasks.get(type);
      if (!task) {
        const known = [...this.tasks.keys()].join(', ');
        return failed(
          new NonRetryableError(`unknown task type "${type}": plugin "${this.plugin.name}" has ${known}`),
          [],
          startedAt,
        );
      }
      if (req.signal?.aborted) return failed(cancelReason(req.signal.reason), [], startedAt);
      const input = parseInput(type, task.input, req.input);
      if (!input.ok) return failed(input.error, [], startedAt);
      const attempt: PreparedAttempt = {
        task,
        req,
        input: input.value,
        timeoutMs: effectiveTimeout(req.timeoutMs, task.resources.timeoutMs),
        memoryMb: effectiveMemory(req.memoryMb, task.resources.memoryMb),
        logLimits: this.logLimits,
        maxOutputBytes: this.maxOutputBytes,
        startedAt,
      };
      if (task.batch) return await this.batchDispatcher(task).submit(attempt);
      return await runSingle(attempt, this.isolates.get(task, attempt.memoryMb));
    } catch (error) {
      return failed(error instanceof Error ? error : new Error(String(error)), [], startedAt);
    }
  }

  /**
   * Starts one worker per thread/process task type now, so the first task
   * pays no cold start, and so a plugin that cannot load in a worker fails
   * start-up (PluginLoadError) rather than its first task. `types` limits it
   * to the task types a caller will run (default: all of the plugin's).
   */
  async warmUp(types?: readonly string[]): Promise<void> {
    const isolated = [...this.tasks.values()].filter(
      (task) => task.isolation !== 'inline' && (!types || types.includes(task.type)),
    );
    await Promise.all(isolated.map((task) => this.isolates.get(task, task.resources.memoryMb).warmUp()));
  }

  /** Pool sizes and load, for the executor's status and metrics. */
  stats(): IsolateStats[] {
    return this.isolates.stats();
  }

  /** Stops taking work, fails waiting and running attempts as cancelled, and terminates every worker. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const dispatcher of this.batches.values()) dispatcher.close();
    await this.isolates.close();
  }

  private batchDispatcher(task: AnyTaskType): BatchDispatcher {
    let dispatcher = this.batches.get(task.type);
    if (!dispatcher) {
      dispatcher = new BatchDispatcher(task as AnyTaskType & { batch: NonNullable<AnyTaskType['batch']> }, (memoryMb) =>
        this.isolates.get(task, memoryMb),
      );
      this.batches.set(task.type, dispatcher);
    }
    return dispatcher;
  }
}

function positiveInt(name: string, value: number | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || value < 1)
    throw new TaskHostConfigError(`TaskHost option ${name} must be an integer >= 1, got ${String(value)}`);
  return value;
}

/** The request's timeout if it is usable, else the type's; at most setTimeout's limit. */
function effectiveTimeout(requested: number | undefined, fallback: number): number {
  if (typeof requested !== 'number' || !Number.isFinite(requested) || requested < 1) return fallback;
  return Math.min(Math.round(requested), MAX_TIMEOUT_MS);
}

function effectiveMemory(requested: number | undefined, fallback: number): number {
  if (typeof requested !== 'number' || !Number.isInteger(requested) || requested < MIN_MEMORY_MB) return fallback;
  return requested;
}
