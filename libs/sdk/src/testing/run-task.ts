import { TaskHostConfigError } from '../errors/sdk-errors';
import type { ExecutionRequest, ExecutionResult } from '../execution/execution-types';
import { TaskHost } from '../execution/task-host';
import { definePlugin } from '../plugin/plugin';
import type { IsolationMode, TaskType } from '../task/task-type';
import { withIsolation } from '../task/with-isolation';

export interface RunTaskOptions {
  /** ctx.attempt. Default 1. */
  attempt?: number;
  /** Overrides the type's timeout. */
  timeoutMs?: number;
  /** Overrides the type's heap limit (thread and process). */
  memoryMb?: number;
  /** Run under another isolation mode than the type declares (e.g. 'inline' for a quick unit test). */
  isolation?: IsolationMode;
  /**
   * Module that default-exports the plugin containing the task type (package
   * name or path of the BUILT entry file). Needed for thread and process
   * isolation, where the worker loads the plugin itself.
   */
  pluginSpecifier?: string;
  runId?: string;
  taskId?: string;
  taskKey?: string;
  signal?: AbortSignal;
  onHeartbeat?(details?: unknown): void;
  maxLogLines?: number;
  maxLogBytes?: number;
  killGraceMs?: number;
}

/** An ExecutionResult whose output has the task type's output type. */
export type TaskResult<O> =
  (Extract<ExecutionResult, { status: 'succeeded' }> & { output: O }) | Extract<ExecutionResult, { status: 'failed' }>;

/**
 * Runs one attempt of a task type the way an executor would (input and
 * output validation, timeout, isolation, log capture), with no Redis or
 * PostgreSQL. Each call starts and closes its own TaskHost.
 */
export async function runTask<I, O>(
  taskType: TaskType<I, O>,
  input: unknown,
  options: RunTaskOptions = {},
): Promise<TaskResult<O>> {
  const [result] = await runTasks(taskType, [input], options);
  return result;
}

/**
 * Runs several attempts of one task type concurrently on one TaskHost, so a
 * batching type sees them gathered into batches. Results are in input order.
 */
export async function runTasks<I, O>(
  taskType: TaskType<I, O>,
  inputs: unknown[],
  options: RunTaskOptions = {},
): Promise<TaskResult<O>[]> {
  const host = createHarnessHost(taskType, options);
  try {
    const results = await Promise.all(
      inputs.map((input, index) => host.execute(taskType.type, requestFor(input, index, options))),
    );
    return results as TaskResult<O>[];
  } finally {
    await host.close();
  }
}

function createHarnessHost<I, O>(taskType: TaskType<I, O>, options: RunTaskOptions): TaskHost {
  const isolation = options.isolation ?? taskType.isolation;
  if (isolation !== 'inline' && !options.pluginSpecifier) {
    throw new TaskHostConfigError(
      `${taskType.type} runs with ${isolation} isolation, where the worker loads the plugin itself: pass { pluginSpecifier } ` +
        "(the package name or built .js entry that default-exports the plugin), or { isolation: 'inline' }",
    );
  }
  return new TaskHost({
    plugin: definePlugin({ name: 'taskloom-harness', version: '0.0.0', tasks: [withIsolation(taskType, isolation)] }),
    pluginSpecifier: options.pluginSpecifier,
    poolSize: 1,
    maxLogLines: options.maxLogLines,
    maxLogBytes: options.maxLogBytes,
    killGraceMs: options.killGraceMs ?? 200,
  });
}

function requestFor(input: unknown, index: number, options: RunTaskOptions): ExecutionRequest {
  return {
    input,
    attempt: options.attempt ?? 1,
    runId: options.runId ?? 'test-run',
    taskId: options.taskId ?? `test-task-${index + 1}`,
    taskKey: options.taskKey ?? 'test',
    timeoutMs: options.timeoutMs,
    memoryMb: options.memoryMb,
    signal: options.signal,
    onHeartbeat: options.onHeartbeat,
  };
}
